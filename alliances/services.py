"""Writes on alliances and plans that touch more than one row."""

import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import translation

from alliances.models import (
    Alliance,
    AllianceExtension,
    PlanObjective,
    StrategicActionPlan,
    refresh_alliance_ends,
)
from core.content import SOURCE_LANGUAGE
from core.events import emit
from core.translations import record_translations, stored_texts


@transaction.atomic
def plan_set_objectives(
    *, plan: StrategicActionPlan, objectives: list[str]
) -> list[PlanObjective]:
    """Replace the plan's objectives with `objectives` (their English text),
    numbered in that order. An objective whose English text is unchanged
    keeps its translations."""
    translations = {
        objective.text_en: (objective.text_fr, objective.text_es)
        for objective in plan.objectives.all()
    }
    plan.objectives.all().delete()
    # bulk_create() skips save(): the original column is written in English
    # here, as SourceLanguageModel.save() would.
    with translation.override(SOURCE_LANGUAGE):
        objects = []
        for position, text in enumerate(objectives, start=1):
            text_fr, text_es = translations.get(text, (None, None))
            objects.append(
                PlanObjective(
                    plan=plan,
                    position=position,
                    text_en=text,
                    text_fr=text_fr,
                    text_es=text_es,
                )
            )
        return PlanObjective.objects.bulk_create(objects)


def _lock(alliance_ids) -> None:
    # Two writes at once on one alliance's term or extensions would each store
    # an end computed without the other: the row lock makes the second one
    # wait (PostgreSQL).
    list(
        Alliance.objects.select_for_update()
        .filter(pk__in=alliance_ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _store_ends(alliance_ids, *, alliance: Alliance | None = None) -> None:
    """Store the end of these alliances; on `alliance` (in memory) too."""
    refresh_alliance_ends(alliance_ids)
    if alliance is not None and alliance.pk is not None:
        alliance.refresh_from_db(fields=["ends_on"])


@transaction.atomic
def alliance_save(*, alliance: Alliance) -> Alliance:
    """Write `alliance`, new or changed (its term too), with its stored end:
    the latest extension's new end, or the end of the agreed term. The caller
    has validated it (a form, a serializer, full_clean())."""
    if alliance.pk is not None:
        _lock([alliance.pk])
    alliance.ends_on = alliance.latest_end()
    before = stored_texts(alliance)
    alliance.save()
    record_translations(alliance, before=before)
    return alliance


@transaction.atomic
def alliance_written(*, alliance: Alliance, before: dict | None) -> Alliance:
    """After the API's serializer wrote `alliance` (its term, its parties):
    store its end and record its translations as alliance_save() does.
    `before` is stored_texts() of before the write (None: a new alliance)."""
    alliance_store_end(alliance=alliance)
    record_translations(alliance, before=before)
    return alliance


@transaction.atomic
def alliance_store_end(*, alliance: Alliance) -> Alliance:
    """Store the end of `alliance` after its term or its extensions were
    written elsewhere (the API's serializer, the admin's inline forms)."""
    _lock([alliance.pk])
    _store_ends([alliance.pk], alliance=alliance)
    return alliance


@transaction.atomic
def alliance_extend(
    *,
    alliance: Alliance,
    new_end_date: datetime.date,
    agreed_on: datetime.date,
    note: str = "",
) -> AllianceExtension:
    """Record an extension of `alliance` to `new_end_date` (inclusive).

    Raises ValidationError (on `new_end_date`) unless it ends after the
    current end, extensions included. Moves the alliance's stored end
    (`ends_on`), on `alliance` too.
    """
    # The check against the current end and the end stored after it.
    _lock([alliance.pk])
    extension = AllianceExtension(
        alliance=alliance, new_end_date=new_end_date, agreed_on=agreed_on, note=note
    )
    extension.full_clean()
    extension.save()
    _store_ends([alliance.pk], alliance=alliance)
    emit("alliance.extended", alliance, extension=extension)
    return extension


@transaction.atomic
def alliance_extension_save(*, extension: AllianceExtension) -> AllianceExtension:
    """Write an extension, new or changed, that a form has validated, and store
    the end of its alliance (and of the one it was moved from, if it was)."""
    before = (
        AllianceExtension.objects.filter(pk=extension.pk)
        .values_list("alliance_id", flat=True)
        .first()
    )
    alliance_ids = {extension.alliance_id, before} - {None}
    _lock(alliance_ids)
    extension.save()
    _store_ends(alliance_ids)
    emit("alliance.extended", extension.alliance, extension=extension)
    return extension


@transaction.atomic
def alliance_extensions_delete(*, extensions: QuerySet) -> int:
    """Delete these extensions and store the end of their alliances, now
    without them. Returns how many were deleted."""
    alliance_ids = set(extensions.values_list("alliance_id", flat=True))
    _lock(alliance_ids)
    count, _ = AllianceExtension.objects.filter(
        pk__in=list(extensions.values_list("pk", flat=True))
    ).delete()
    _store_ends(alliance_ids)
    return count


def alliance_extension_delete(*, extension: AllianceExtension) -> None:
    """Delete one extension; its alliance's end moves back."""
    alliance_extensions_delete(
        extensions=AllianceExtension.objects.filter(pk=extension.pk)
    )
