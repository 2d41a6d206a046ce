"""Map a database constraint violation to the field it is about.

full_clean() catches these rules before saving; an IntegrityError only
happens when two requests race, and still answers 400 naming the field.
"""

from django.apps import apps
from django.db import IntegrityError
from django.db.models import CheckConstraint, UniqueConstraint
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.db import PostgresExclusionConstraint

# Constraints whose field is not the first one they name.
FIELD_OVERRIDES = {
    "alliances_alliance_granting_member_iff_kind": "granting_member",
    "alliances_alliance_term_complete": "term_years",
    "alliances_alliance_terminated_after_start": "terminated_on",
    "members_boardmandate_end_after_start": "end_date",
    "members_regionalsecretariat_end_after_start": "end_date",
    "members_boardmandate_one_president": "start_date",
    "members_regionalsecretariat_one_per_region": "start_date",
    "members_membercity_population_has_year": "population_year",
    "news_newspost_published_has_time": "published_at",
}

MESSAGES = {
    "members_boardmandate_one_president": gettext_lazy(
        "Another President's mandate overlaps these dates: there is at most one "
        "President on any day."
    ),
    "members_regionalsecretariat_one_per_region": gettext_lazy(
        "Another secretariat of this region overlaps these dates."
    ),
}


def _constraints():
    for model in apps.get_models():
        for constraint in model._meta.constraints:
            yield model, constraint


def _field_of(constraint) -> str:
    if constraint.name in FIELD_OVERRIDES:
        return FIELD_OVERRIDES[constraint.name]
    if isinstance(constraint, UniqueConstraint) and constraint.fields:
        return constraint.fields[-1]
    if isinstance(constraint, CheckConstraint | PostgresExclusionConstraint):
        return "non_field_errors"
    return "non_field_errors"


def integrity_error_fields(exc: IntegrityError) -> dict[str, list[str]]:
    """{"field": ["message"]} for the constraint `exc` names, if we know it."""
    cause = exc.__cause__
    name = getattr(getattr(cause, "diag", None), "constraint_name", None)
    text = str(exc)
    for model, constraint in _constraints():
        matched = constraint.name == name or constraint.name in text
        if not matched and isinstance(constraint, UniqueConstraint):
            # SQLite names the columns, not the constraint.
            columns = ", ".join(
                f"{model._meta.db_table}.{model._meta.get_field(f).column}"
                for f in constraint.fields
            )
            matched = bool(constraint.fields) and text.endswith(columns)
        if matched:
            if isinstance(constraint, UniqueConstraint):
                message = _("A record with this %(field)s already exists.") % {
                    "field": _field_of(constraint).replace("_", " ")
                }
            else:
                message = MESSAGES.get(
                    constraint.name,
                    _("This breaks the rule %(name)s.") % {"name": constraint.name},
                )
            return {_field_of(constraint): [message]}
    return {"non_field_errors": [_("This conflicts with another record.")]}
