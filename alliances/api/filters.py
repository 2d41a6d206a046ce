"""The API's FilterSets: the ones the site shares, from alliances/filters.py."""

from alliances.filters import (  # noqa: F401
    LATEST_DAY,
    MAX_DAYS,
    AllianceFilter,
    StrategicActionPlanFilter,
)
