"""The API's FilterSets: the ones the site shares, from members/filters.py."""

from members.filters import (  # noqa: F401
    BoardMandateFilter,
    CurrentOnFilterSet,
    MemberCityFilter,
    PersonFilter,
    RegionalSecretariatFilter,
)
