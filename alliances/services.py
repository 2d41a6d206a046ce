"""Writes on alliances and plans that touch more than one row."""

import datetime

from django.db import transaction
from django.db.models import QuerySet

from alliances.models import (
    Alliance,
    AllianceExtension,
    PlanObjective,
    StrategicActionPlan,
    refresh_alliance_ends,
)


@transaction.atomic
def plan_set_objectives(
    *, plan: StrategicActionPlan, objectives: list[str]
) -> list[PlanObjective]:
    """Replace the plan's objectives with `objectives`, numbered in that order."""
    plan.objectives.all().delete()
    return PlanObjective.objects.bulk_create(
        PlanObjective(plan=plan, position=position, text=text)
        for position, text in enumerate(objectives, start=1)
    )


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
    return extension
    _store_ends([alliance.pk], alliance=alliance)
