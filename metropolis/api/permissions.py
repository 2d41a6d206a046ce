from rest_framework import permissions

from metropolis.api.access import get_viewer


class ApiAccess(permissions.BasePermission):
    """Reads are open (each view's queryset hides what a caller may not see).

    Writes belong to the secretariat (editors and `write` keys). A view may let
    liaisons do more by naming the actions in `liaison_actions`; it then checks
    the object itself in `has_object_permission`.
    """

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
