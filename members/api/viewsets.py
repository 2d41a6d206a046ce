"""The base of every resource: core's ResourceViewSet with the caller resolved
to one of DESIGN.md's personas."""

from core.api import viewsets
from members.viewers import Viewer, get_viewer


class ResourceViewSet(viewsets.ResourceViewSet):
    def get_viewer(self) -> Viewer:
        return get_viewer(self.request)

    def etag_scope(self) -> str:
        return self.get_viewer().cache_tag
