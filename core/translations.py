"""Translations older than their source (issue 15, item 4).

A translation is *current* when it was written (or reviewed) from the English
text the object holds now, *stale* ("older than its source") when the English
text changed since, *missing* when the English text has something and the
translation nothing. TranslationSource keeps, per object, field and
language, a digest of the English text the translation was made from.

The services that save translated content call record_translations() with
the texts stored before the save (stored_texts()); a translation written in
the same save as its source is current (the admin's form saves every
language at once). An editor's review (mark_reviewed()) records the English
text of now.
"""

import hashlib
from collections.abc import Iterable, Mapping

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from core.content import LANGUAGES, SOURCE_LANGUAGE, source_column, translated_fields
from core.models import TranslationSource

# The languages translated from English.
TARGETS = tuple(lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE)

MISSING = "missing"
STALE = "stale"
# A translation to write or to check: missing or stale.
ATTENTION = "attention"

# Whole sentences per language, for the translators.
LANGUAGE_LABELS = {"fr": _("French"), "es": _("Spanish")}
STALE_NOTES = {
    "fr": _("French: older than the English text since %(date)s"),
    "es": _("Spanish: older than the English text since %(date)s"),
}
MISSING_NOTES = {
    "fr": _("French: missing"),
    "es": _("Spanish: missing"),
}


def digest(text: str | None) -> str:
    return hashlib.sha256((text or "").encode()).hexdigest()


def tracked_fields(model) -> tuple[str, ...]:
    """The translated fields of `model` that people write (not a rendering
    such as a post's body_html)."""
    return tuple(
        field
        for field in translated_fields(model)
        if model._meta.get_field(field).editable
    )


def _columns(model) -> list[str]:
    return [
        build_localized_fieldname(field, lang)
        for field in tracked_fields(model)
        for lang in LANGUAGES
    ]


def stored_texts(obj) -> dict | None:
    """The texts of `obj` as the database holds them, before a save (None for
    a new object). One query."""
    if obj._state.adding or obj.pk is None:
        return None
    model = type(obj)
    return model._default_manager.filter(pk=obj.pk).values(*_columns(model)).first()


def _records(obj) -> dict[tuple[str, str], TranslationSource]:
    content_type = ContentType.objects.get_for_model(obj)
    return {
        (record.field, record.language): record
        for record in TranslationSource.objects.filter(
            content_type=content_type, object_id=obj.pk
        )
    }


def _as(record: TranslationSource, by) -> TranslationSource:
    # The history's author: `by`, else the request's user (simple-history's
    # middleware).
    if by is not None:
        record._history_user = by
    return record


def _write(record: TranslationSource, by=None) -> None:
    _as(record, by).save()


def record_translations(obj, *, before: Mapping | None, by=None) -> None:
    """After a save of `obj`: record the source of each translation written
    in this save, mark stale those whose English text changed without them,
    forget those removed (they are missing, not stale). `before` is
    stored_texts() of before the save. A few queries: one read, one write
    per record that changes."""
    before = before or {}
    records = _records(obj)
    content_type = ContentType.objects.get_for_model(obj)
    now = timezone.now()
    for field in tracked_fields(type(obj)):
        source = getattr(obj, source_column(field)) or ""
        old_source = before.get(source_column(field))
        for lang in TARGETS:
            column = build_localized_fieldname(field, lang)
            text = getattr(obj, column) or ""
            record = records.get((field, lang))
            if not text:
                if record is not None:
                    _as(record, by).delete()
                continue
            if text != (before.get(column) or "") or record is None:
                # Written now, or first seen: made from the English text it
                # was saved beside (the one before this save, if this save
                # changed only the English).
                made_from = source
                if record is None and text == (before.get(column) or ""):
                    made_from = source if old_source is None else old_source
                record = record or TranslationSource(
                    content_type=content_type,
                    object_id=obj.pk,
                    field=field,
                    language=lang,
                )
                record.source_digest = digest(made_from)
                record.recorded_at = now
                record.stale_since = None if made_from == source else now
                _write(record, by)
            elif record.source_digest == digest(source):
                if record.stale_since is not None:
                    record.stale_since = None
                    _write(record, by)
            elif record.stale_since is None:
                record.stale_since = now
                _write(record, by)


def mark_reviewed(objs: Iterable, *, language: str, by) -> int:
    """Record the English text of now as the source of each translation into
    `language` of `objs` (an editor checked them). Returns how many
    translations were stale and are current now."""
    count = 0
    now = timezone.now()
    for obj in objs:
        records = _records(obj)
        content_type = ContentType.objects.get_for_model(obj)
        for field in tracked_fields(type(obj)):
            if not getattr(obj, build_localized_fieldname(field, language)):
                continue
            record = records.get((field, language)) or TranslationSource(
                content_type=content_type,
                object_id=obj.pk,
                field=field,
                language=language,
            )
            count += record.stale_since is not None
            record.source_digest = digest(getattr(obj, source_column(field)))
            record.recorded_at = now
            record.stale_since = None
            record.reviewed_by = by
            _write(record, by)
    return count


def statuses(obj) -> dict[tuple[str, str], tuple[str, object]]:
    """{(field, language): (MISSING or STALE, since)} of `obj`'s translations
    that need an editor; current ones are absent. One query."""
    records = _records(obj)
    result = {}
    for field in tracked_fields(type(obj)):
        if not getattr(obj, source_column(field)):
            continue  # nothing to translate
        for lang in TARGETS:
            if not getattr(obj, build_localized_fieldname(field, lang)):
                result[field, lang] = (MISSING, None)
            elif (record := records.get((field, lang))) and record.stale_since:
                result[field, lang] = (STALE, record.stale_since)
    return result


def _empty(column: str) -> Q:
    return Q(**{column: ""}) | Q(**{f"{column}__isnull": True})


def missing_q(model, field: str, language: str) -> Q:
    source = source_column(field)
    return ~_empty(source) & _empty(build_localized_fieldname(field, language))


def stale_q(model, field: str, language: str) -> Q:
    records = TranslationSource.objects.stale().filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id=OuterRef("pk"),
        field=field,
        language=language,
    )
    return Q(Exists(records)) & ~_empty(build_localized_fieldname(field, language))


def needing_q(model, language: str, kind: str = ATTENTION) -> Q:
    """The rows of `model` with a translation into `language` that is
    missing, stale, or either (`kind`), as a WHERE condition: no query of
    its own (a subquery for stale)."""
    condition = Q(pk__in=[])
    for field in tracked_fields(model):
        if kind in (MISSING, ATTENTION):
            condition |= missing_q(model, field, language)
        if kind in (STALE, ATTENTION):
            condition |= stale_q(model, field, language)
    return condition
