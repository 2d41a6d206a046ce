"""Rules of a member city's address and place, beside the model that
applies them (cities.py)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# WGS 84 degrees, six decimals (about 10 cm): a city's point on the map.
LATITUDE_RANGE = (Decimal(-90), Decimal(90))
LONGITUDE_RANGE = (Decimal(-180), Decimal(180))
COORDINATE_PLACES = 6
# Pages under /members/ that are not a member's (publicdata's map): no city
# may take their slug.
RESERVED_SLUGS = ("map",)


def validate_member_slug(slug: str) -> None:
    if slug in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is the address of another page: choose another slug."),
            code="reserved_slug",
            params={"slug": slug},
        )
