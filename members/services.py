"""Writes on member cities and board mandates, shared by the admin, the API,
the portal and the import."""

from collections.abc import Mapping

from django.db import transaction

from core.content import columns
from core.db import lock_exclusion_guarded_table
from core.events import emit
from core.images import PreparedImage, store
from core.translations import record_translations, stored_texts
from members.models import IMAGE_FIELDS, PHOTO_TEXTS, BoardMandate, MemberCity


def _attach_images(
    member: MemberCity, images: Mapping[str, PreparedImage | None]
) -> list[str]:
    """Store each validated upload's renditions (core.images.prepare) and set
    it on `member`; None removes that image (the photo with its texts, which
    described it). The columns set, for save()'s update_fields."""
    changed = []
    for field, prepared in images.items():
        if field not in IMAGE_FIELDS:
            raise ValueError(f"{field!r} is not an image of a member city")
        setattr(member, field, store(prepared) if prepared is not None else None)
        changed.append(field)
        if field == "photo" and prepared is None:
            for text in PHOTO_TEXTS:
                for column in (text, *columns(text)):
                    setattr(member, column, "")
                changed.append(text)
    return changed


@transaction.atomic
def member_save(
    *,
    member: MemberCity,
    fields: list[str] | None = None,
    images: Mapping[str, PreparedImage | None] | None = None,
) -> MemberCity:
    """Write `member`, new or changed, that the caller has validated (a form,
    a serializer, full_clean()); only the columns `fields` when given (the
    portal: a change the secretariat makes meanwhile to the other fields
    stays). `images` maps "emblem" or "photo" to a validated upload, whose
    renditions are stored before the row is written, or to None to remove
    it. A change of an existing city is the event "member.updated".
    Its translations are marked current or older than their source
    (core.translations)."""
    adding = member._state.adding
    before = stored_texts(member)
    changed = _attach_images(member, images or {})
    if fields is not None:
        fields = list(dict.fromkeys([*fields, *changed]))
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
