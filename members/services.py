"""Writes on member cities and board mandates, shared by the admin, the API,
the portal and the import."""

from django.db import transaction

from core.db import lock_exclusion_guarded_table
from core.events import emit
from core.translations import record_translations, stored_texts
from members.models import BoardMandate, MemberCity


@transaction.atomic
def member_save(*, member: MemberCity, fields: list[str] | None = None) -> MemberCity:
    """Write `member`, new or changed, that the caller has validated (a form,
    a serializer, full_clean()); only the columns `fields` when given (the
    portal: a change the secretariat makes meanwhile to the other fields
    stays). A change of an existing city is the event "member.updated".
    Its translations are marked current or older than their source
    (core.translations)."""
    adding = member._state.adding
    before = stored_texts(member)
    member.save(update_fields=fields)
    record_translations(member, before=before)
    if not adding:
        emit("member.updated", member)
    return member


@transaction.atomic
def mandate_save(*, mandate: BoardMandate) -> BoardMandate:
    """Write `mandate`, new or changed, after checking it against the saved
    mandates with the table locked for writers (PostgreSQL): at most one
    President or Acting President on any day. Raises ValidationError."""
    lock_exclusion_guarded_table(BoardMandate)
    mandate.full_clean()
    mandate.save()
    return mandate
