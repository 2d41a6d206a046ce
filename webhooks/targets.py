"""Where a webhook may go: http(s) URLs whose host resolves to public
addresses only, unless settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS.

A partner key must not make the server call its own network (the database,
a cloud metadata service at 169.254.169.254, an admin port on localhost). The
check runs when an endpoint is saved and again before each delivery, and the
delivery connects to the address that was checked: a DNS answer that changes
in between (DNS rebinding) cannot swap it.
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

SCHEMES = {"http": 80, "https": 443}


class TargetRefused(ValueError):
    """The URL may not be called; the message says why, for the partner."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str  # as written in the URL (the Host header, the TLS server name)
    port: int
    path: str  # path and query, as sent in the request line
    address: str  # the checked IP address to connect to


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def split(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path) of an http(s) URL; TargetRefused if it is none."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise TargetRefused(_("Enter a valid http or https URL.")) from None
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise TargetRefused(_("Enter a valid http or https URL."))
    if parts.username is not None or parts.password is not None:
        raise TargetRefused(_("A webhook URL carries no user name or password."))
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return parts.scheme, parts.hostname, port or SCHEMES[parts.scheme], path


def resolve(url: str) -> Target:
    """The URL's target, at the first address its host resolves to that may
    be called; TargetRefused when none may (or the name does not resolve)."""
    scheme, host, port, path = split(url)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError, ValueError):
        raise TargetRefused(
            _("The host name %(host)s does not resolve.") % {"host": host}
        ) from None
    addresses = [info[4][0] for info in infos]
    allowed = settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS
    if not allowed and not all(is_public(address) for address in addresses):
        # Every address must be public: a name that answers one public and
        # one private address would be called at either.
        raise TargetRefused(
            _(
                "%(host)s resolves to a private, loopback or link-local "
                "address: webhooks are sent to public addresses only."
            )
            % {"host": host}
        )
    if not addresses:
        raise TargetRefused(
            _("The host name %(host)s does not resolve.") % {"host": host}
        )
    return Target(scheme, host, port, path, addresses[0])
