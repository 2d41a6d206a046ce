"""The member list, fast: the page's rows read with `.values()` and turned
into exactly what MemberCitySerializer gives (tests/members/test_api_rows.py
compares the two for every persona), without a model object or a serializer
made for each city. STYLE.md's one remedy for a hot list."""

from decimal import Decimal

from django.urls import reverse
from rest_framework.reverse import reverse as api_reverse

from core.api.serializers import country_name
from members.models import MEGACITY_POPULATION, BoardMandate, MemberCity

# Columns read as they are shown: the serializer's field of the same name.
PLAIN = [
    "id",
    "name",
    "slug",
    "country",
    "category",
    "is_capital",
    "population",
    "population_year",
    "join_year",
    "status",
    "status_changed_on",
    "income_band",
    "membership_type",
    "website",
    "summary",
    "description",
    "grp_amount",
    "grp_currency",
    "grp_year",
]
# What member_rows() reads from the list's queryset.
MEMBER_ROW_FIELDS = [
    *PLAIN,
    "region_id",
    "region__name",
    "region__slug",
    "current_roles_joined",
]

GRP_PLACES = Decimal(1).scaleb(-MemberCity._meta.get_field("grp_amount").decimal_places)
ROLE_ORDER = BoardMandate.Role.values


def member_rows(rows, *, request, format=None) -> list[dict]:
    """MemberCitySerializer(many=True).data for `rows`, dicts of
    MEMBER_ROW_FIELDS from the list's queryset (with_current_roles()).
    A member city has no confidential field: every caller gets the same."""
    region_urls: dict[int, str] = {}  # one reverse per region on the page
    shown = []
    for row in rows:
        region_id = row["region_id"]
        region_url = region_urls.get(region_id)
        if region_url is None:
            region_url = region_urls[region_id] = api_reverse(
                "api:region-detail",
                kwargs={"slug": row["region__slug"]},
                request=request,
                format=format,
            )
        slug = row["slug"]
        population = row["population"]
        changed = row["status_changed_on"]
        grp = row["grp_amount"]
        roles = row["current_roles_joined"]
        shown.append(
            {
                "id": row["id"],
                "url": api_reverse(
                    "api:membercity-detail",
                    kwargs={"slug": slug},
                    request=request,
                    format=format,
                ),
                "html_url": request.build_absolute_uri(
                    reverse("members:member-detail", kwargs={"slug": slug})
                ),
                "name": row["name"],
                "slug": slug,
                "country": row["country"],
                "country_name": country_name(row["country"]),
                "region": {
                    "id": region_id,
                    "name": row["region__name"],
                    "url": region_url,
                },
                "category": row["category"],
                "is_capital": row["is_capital"],
                "population": population,
                "population_year": row["population_year"],
                "is_megacity": population is not None
                and population >= MEGACITY_POPULATION,
                "join_year": row["join_year"],
                "status": row["status"],
                "status_changed_on": changed.isoformat() if changed else None,
                "income_band": row["income_band"],
                "membership_type": row["membership_type"],
                "website": row["website"],
                "summary": row["summary"],
                "description": row["description"],
                "grp_amount": None if grp is None else f"{grp.quantize(GRP_PLACES):f}",
                "grp_currency": row["grp_currency"],
                "grp_year": row["grp_year"],
                "current_roles": sorted(roles.split(","), key=ROLE_ORDER.index)
                if roles
                else [],
            }
        )
    return shown
