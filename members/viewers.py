"""Who is calling the API: one of DESIGN.md's personas, resolved once per request."""

from dataclasses import dataclass

from members.permissions import is_secretariat
from partners.models import PartnerKey


@dataclass(frozen=True)
class Viewer:
    """The caller as the API sees it.

    `secretariat` is true for secretariat editors and for `write` keys, which
    act for the secretariat; `member_id` is the liaison's city.
    """

    secretariat: bool = False
    key_scope: str | None = None
    member_id: int | None = None

    @property
    def is_key(self) -> bool:
        return self.key_scope is not None

    @property
    def is_liaison(self) -> bool:
        return self.member_id is not None

    @property
    def sees_details(self) -> bool:
        """Non-confidential details beyond the public view (any key or login)."""
        return self.secretariat or self.is_key or self.is_liaison

    def sees_private_of(self, member_id: int | None) -> bool:
        """Confidential data of a member city: the secretariat, or its liaison."""
        return self.secretariat or (
            member_id is not None and self.member_id == member_id
        )

    @property
    def cache_tag(self) -> str:
        """A short label of what this viewer may see, for ETags."""
        if self.secretariat:
            return "s"
        if self.member_id is not None:
            return f"l{self.member_id}"
        return "k" if self.is_key else "a"


ANONYMOUS = Viewer()


def get_viewer(request) -> Viewer:
    """The Viewer for a DRF request; the liaison link costs one query, once."""
    cached = getattr(request, "_metropolis_viewer", None)
    if cached is not None:
        return cached
    auth = getattr(request, "auth", None)
    user = request.user
    if isinstance(auth, PartnerKey):
        viewer = Viewer(
            secretariat=auth.scope == PartnerKey.Scope.WRITE, key_scope=auth.scope
        )
    elif user.is_authenticated and is_secretariat(user):
        viewer = Viewer(secretariat=True)
    elif user.is_authenticated:
        from members.models import Liaison

        member_id = (
            Liaison.objects.filter(user=user)
            .values_list("member_id", flat=True)
            .first()
        )
        viewer = Viewer(member_id=member_id)
    else:
        viewer = ANONYMOUS
    request._metropolis_viewer = viewer
    return viewer
