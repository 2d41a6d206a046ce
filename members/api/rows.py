"""The member list, fast: the page's rows read with `.values()` and turned
into exactly what MemberCitySerializer gives (tests/members/test_api_rows.py
compares the two, byte for byte, for every persona), without a model object
or a serializer made for each city. STYLE.md's one remedy for a hot list.

The fields, their order and the columns read come from the serializer
(shown_fields); this module says only how the fields that are not a column
as stored are shown. Translated texts are read in every language and picked
once per page (core.content.text_picker)."""

from decimal import Decimal

from core.api.links import api_links, page_links
from core.api.serializers import country_names, shown_fields, value_columns
from core.content import text_picker, translated_fields
from core.images import image_info
from members.api.serializers import MemberCitySerializer
from members.models import MEGACITY_POPULATION, ROLE_ORDER, MemberCity
from members.models.images import EMBLEM_ALT

# What member_rows() reads besides the serializer's plain columns.
RELATED_COLUMNS = ("region_id", "region__name", "region__slug", "current_roles_joined")


def _places(field: str) -> Decimal:
    """The quantum DRF's DecimalField shows `field` with (its decimal places)."""
    return Decimal(1).scaleb(-MemberCity._meta.get_field(field).decimal_places)


GRP_PLACES = _places("grp_amount")
COORDINATE_PLACES = _places("latitude")


def _decimal(value: Decimal | None, places: Decimal) -> str | None:
    return None if value is None else f"{value.quantize(places):f}"


def member_texts() -> tuple[str, ...]:
    """The city's translated fields the serializer shows."""
    translated = translated_fields(MemberCity)
    return tuple(
        name for name in shown_fields(MemberCitySerializer) if name in translated
    )


def member_columns() -> list[str]:
    """What member_rows() needs from the list's queryset (with_current_roles()),
    as `.values()` names: the serializer's fields that are a column of the
    city (a translated one as its column in every language), then the
    region's and today's roles."""
    fields = shown_fields(MemberCitySerializer)
    return value_columns(MemberCity, fields) + list(RELATED_COLUMNS)


def member_rows(rows, *, request, format=None) -> list[dict]:
    """MemberCitySerializer(many=True).data for `rows`, dicts of
    member_columns() (each is used up: it becomes its city's representation).
    A member city has no confidential field: every caller gets the same."""
    fields = shown_fields(MemberCitySerializer)
    names = country_names()  # once for the page, in the request's language
    emblem_alt_text = str(EMBLEM_ALT)  # translated once for the page, not per city
    set_texts = text_picker(member_texts())
    # One reverse() per route and page (core.api.links), none per city.
    urls = api_links("membercity", request=request, format=format)
    region_urls = api_links("region", request=request, format=format)
    pages = page_links("members:member-list", request=request)
    shown = []
    for row in rows:
        region_id = row["region_id"]
        slug = row["slug"]
        population = row["population"]
        changed = row["status_changed_on"]
        grp = row["grp_amount"]
        roles = row["current_roles_joined"]
        set_texts(row)
        row["url"] = urls(slug)
        row["html_url"] = pages(slug)
        row["country_name"] = names.get(row["country"], "")
        row["region"] = {
            "id": region_id,
            "name": row["region__name"],
            "url": region_urls(row["region__slug"]),
        }
        row["is_megacity"] = (
            population is not None and population >= MEGACITY_POPULATION
        )
        row["status_changed_on"] = changed.isoformat() if changed else None
        row["grp_amount"] = _decimal(grp, GRP_PLACES)
        row["latitude"] = _decimal(row["latitude"], COORDINATE_PLACES)
        row["longitude"] = _decimal(row["longitude"], COORDINATE_PLACES)
        row["emblem"] = image_info(row["emblem"], request)
        row["emblem_alt"] = emblem_alt_text % {"city": row["name"]}
        row["photo"] = image_info(row["photo"], request)
        row["current_roles"] = (
            sorted(roles.split(","), key=ROLE_ORDER.__getitem__) if roles else []
        )
        shown.append({name: row[name] for name in fields})
    return shown
