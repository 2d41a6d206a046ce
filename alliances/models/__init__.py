"""Alliances (alliances.py), the Strategic Action Plans they serve (plans.py),
and their signatories and extensions (parts.py)."""

from alliances.models.alliances import (
    EXPIRING_WITHIN_DAYS,
    MAX_TERM_YEARS,
    Alliance,
    AllianceQuerySet,
    status_condition,
)
from alliances.models.parts import (
    AllianceExtension,
    AllianceSignatory,
    latest_extension_end,
    refresh_alliance_ends,
)
from alliances.models.plans import PlanObjective, StrategicActionPlan

__all__ = [
    "EXPIRING_WITHIN_DAYS",
    "MAX_TERM_YEARS",
    "Alliance",
    "AllianceExtension",
    "AllianceQuerySet",
    "AllianceSignatory",
    "PlanObjective",
    "StrategicActionPlan",
    "latest_extension_end",
    "refresh_alliance_ends",
    "status_condition",
]
