"""Writes on member cities, shared by the admin, the API and the portal."""

from django.db import transaction

from core.events import emit
from members.models import MemberCity


@transaction.atomic
def member_save(*, member: MemberCity, fields: list[str] | None = None) -> MemberCity:
    """Write `member`, new or changed, that the caller has validated (a form,
    a serializer, full_clean()); only the columns `fields` when given (the
    portal: a change the secretariat makes meanwhile to the other fields
    stays). A change of an existing city is the event "member.updated"."""
    adding = member._state.adding
    member.save(update_fields=fields)
    if not adding:
        emit("member.updated", member)
    return member
