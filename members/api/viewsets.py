"""The base of every resource: core's ResourceViewSet with the caller resolved
to one of DESIGN.md's personas."""

import contextlib

from core.api import viewsets
from members.viewers import ANONYMOUS, Viewer, get_viewer
from partners.models import PartnerKey


def viewer_of_scope(scope: str) -> Viewer | None:
    """A caller who sees what `Viewer.cache_tag` == `scope` sees."""
    if scope == "s":
        return Viewer(secretariat=True)
    if scope == "k":
        return Viewer(key_scope=PartnerKey.Scope.READ)
    if scope == "a":
        return ANONYMOUS
    if scope.startswith("l") and scope[1:].isdigit():
        return Viewer(member_id=int(scope[1:]))
    return None


class ResourceViewSet(viewsets.ResourceViewSet):
    def get_viewer(self) -> Viewer:
        return get_viewer(self.request)

    def etag_scope(self) -> str:
        return self.get_viewer().cache_tag

    def viewing_as(self, scope: str):
        viewer = viewer_of_scope(scope)
        if viewer is None:
            return None
        return self.as_viewer(viewer)

    @contextlib.contextmanager
    def as_viewer(self, viewer: Viewer):
        """Read as `viewer` would (get_viewer() answers it for this request)."""
        request = self.request
        own = get_viewer(request)
        request._metropolis_viewer = viewer
        try:
            yield
        finally:
            request._metropolis_viewer = own
