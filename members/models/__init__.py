"""The members: regions (regions.py) and member cities (cities.py), the
board and the regional secretariats (board.py), people and liaisons
(people.py); the rules they apply in rules.py."""

from members.models.board import (
    PRESIDING_ROLES,
    ROLE_ORDER,
    BoardMandate,
    BoardMandateQuerySet,
    PeriodModel,
    PeriodQuerySet,
    RegionalSecretariat,
    by_role,
)
from members.models.cities import (
    FOUNDING_YEAR,
    LIAISON_EDITABLE_FIELDS,
    MEGACITY_POPULATION,
    SEARCH_FIELDS,
    MemberCity,
    MemberCityQuerySet,
)
from members.models.images import IMAGE_FIELDS, PHOTO_TEXTS
from members.models.people import Liaison, Person, PersonQuerySet
from members.models.regions import Region
from members.models.rules import (
    COORDINATE_PLACES,
    FIRST_COUNT_YEAR,
    LATITUDE_RANGE,
    LONGITUDE_RANGE,
    RESERVED_SLUGS,
    this_year,
    validate_count_year,
)

__all__ = [
    "COORDINATE_PLACES",
    "FIRST_COUNT_YEAR",
    "FOUNDING_YEAR",
    "IMAGE_FIELDS",
    "LATITUDE_RANGE",
    "LIAISON_EDITABLE_FIELDS",
    "LONGITUDE_RANGE",
    "MEGACITY_POPULATION",
    "PHOTO_TEXTS",
    "PRESIDING_ROLES",
    "RESERVED_SLUGS",
    "ROLE_ORDER",
    "SEARCH_FIELDS",
    "BoardMandate",
    "BoardMandateQuerySet",
    "Liaison",
    "MemberCity",
    "MemberCityQuerySet",
    "PeriodModel",
    "PeriodQuerySet",
    "Person",
    "PersonQuerySet",
    "Region",
    "RegionalSecretariat",
    "by_role",
    "this_year",
    "validate_count_year",
]
