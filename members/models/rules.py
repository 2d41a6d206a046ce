"""Rules of a member city's address, place and counted years, beside the
model that applies them (cities.py)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# WGS 84 degrees, six decimals (about 10 cm): a city's point on the map.
LATITUDE_RANGE = (Decimal(-90), Decimal(90))
LONGITUDE_RANGE = (Decimal(-180), Decimal(180))
COORDINATE_PLACES = 6
# Pages under /members/ that are not a member's (publicdata's map): no city
# may take their slug.
RESERVED_SLUGS = ("map",)
# The first year a population or a product may have been counted in.
FIRST_COUNT_YEAR = 1900


def validate_member_slug(slug: str) -> None:
    if slug in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is the address of another page: choose another slug."),
            code="reserved_slug",
            params={"slug": slug},
        )


def this_year() -> int:
    return timezone.localdate().year


def validate_count_year(year: int) -> None:
    """A year something was counted in: from 1900 to this year. The same
    message from the admin, the API, the portal and an import."""
    last = this_year()
    if year is not None and not FIRST_COUNT_YEAR <= year <= last:
        raise ValidationError(
            _("Give a year from %(first)s to %(last)s."),
            code="year_out_of_range",
            params={"first": FIRST_COUNT_YEAR, "last": last},
        )
