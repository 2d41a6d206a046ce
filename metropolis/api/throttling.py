from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from metropolis.api.access import get_viewer


class PersonaRateThrottle(SimpleRateThrottle):
    """One rate per kind of caller (settings.API_RATES): anonymous callers by IP
    address, partner keys by key and scope, logged-in people by user. Past it,
    429 with Retry-After."""

    def get_rate(self):
        return None  # chosen per request in allow_request()

    def allow_request(self, request, view):
        viewer = get_viewer(request)
        if viewer.is_key:
            self.scope, self.ident = viewer.key_scope, request.auth.pk
        elif request.user.is_authenticated:
            self.scope, self.ident = "user", request.user.pk
        else:
            self.scope, self.ident = "anon", self.get_ident(request)
        self.rate = settings.API_RATES[self.scope]
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.ident}
