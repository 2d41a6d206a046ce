"""Who receives what: the editors, and the liaisons of a member city. Users
without an e-mail address or no longer active are left out."""

from django.contrib.auth import get_user_model

from members.permissions import SECRETARIAT_GROUP


def editors():
    """The secretariat editors: active staff in the Secretariat group (the
    people who review proposals; superusers are administrators, not editors)."""
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True, groups__name=SECRETARIAT_GROUP)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def liaisons_of(members):
    """The active users who are liaisons of any of `members` (a QuerySet of
    member cities, or ids)."""
    return (
        get_user_model()
        .objects.filter(liaison__member__in=members, is_active=True)
        .exclude(email="")
        .order_by("pk")
    )
