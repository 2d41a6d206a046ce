"""Who may call the API for what, and how often: DESIGN.md's personas."""

from django.conf import settings
from rest_framework import permissions
from rest_framework.throttling import SimpleRateThrottle

from core.clients import client_address
from members.viewers import get_viewer


class ApiAccess(permissions.BasePermission):
    """Reads are open (each view's queryset hides what a caller may not see).

    Writes belong to the secretariat (editors and `write` keys). A view may let
    liaisons do more by naming the actions in `liaison_actions`; it then checks
    the object itself in `has_object_permission`.
    """

    open_reads = True  # for the schema: reads need no credentials

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        viewer = get_viewer(request)
        if viewer.secretariat:
            return True
        return viewer.is_liaison and view.action in getattr(view, "liaison_actions", ())

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        viewer = get_viewer(request)
        if viewer.secretariat:
            return True
        owner_id = view.liaison_owner_id(obj)
        return owner_id is not None and owner_id == viewer.member_id


class PersonaRateThrottle(SimpleRateThrottle):
    """One rate per kind of caller (settings.API_RATES): anonymous callers by IP
    address (the socket's, or the trusted proxy's forwarded one: never an
    address the client names), partner keys by key and scope, logged-in people
    by user. Past it, 429 with Retry-After."""

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

    def get_ident(self, request):
        return client_address(request)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.ident}
