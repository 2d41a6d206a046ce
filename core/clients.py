"""Who is calling: the client's address, for rate limits and login lockouts.

The address is the socket's (REMOTE_ADDR), which a client cannot choose.
Behind a trusted proxy (DJANGO_BEHIND_TLS_PROXY=1) every request comes from
the proxy, and the client's address is the one the proxy appended to
X-Forwarded-For: the NUM_PROXIES-th from the right. Addresses further left
are whatever the client sent, and are never read.
"""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.REST_FRAMEWORK.get("NUM_PROXIES") or 0
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if hops <= 0 or not forwarded:
        return remote
    chain = [address.strip() for address in forwarded.split(",")]
    return chain[-min(hops, len(chain))] or remote
