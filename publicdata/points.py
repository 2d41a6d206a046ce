"""Member cities as the map draws them: a point each where the city has
coordinates, a row each in the table beside the map, a legend of regions."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.urls import reverse

from core.api.serializers import country_names
from members.models import MemberCity, Region
from members.viewers import ANONYMOUS
from publicdata.maps import (
    WIDTH,
    LegendEntry,
    MemberMap,
    Point,
    fit,
    project,
    region_colours,
)

# A point's radius in pixels of a map WIDTH pixels wide, whatever the zoom.
RADIUS = 5.0
SMALL_RADIUS = 9.0

COLUMNS = (
    "name",
    "slug",
    "country",
    "latitude",
    "longitude",
    "region_id",
    "region__name",
    "region__slug",
)


@dataclass(frozen=True)
class Row:
    """A member city in the table under the map."""

    name: str
    url: str
    country: str
    region: str
    latitude: Decimal | None
    longitude: Decimal | None


def map_members() -> QuerySet[MemberCity]:
    """The members a map shows: the public directory's (the active members a
    visitor may see), in name order."""
    return MemberCity.objects.visible_to(ANONYMOUS).active().order_by("name", "id")


def map_rows(members: QuerySet[MemberCity]) -> QuerySet:
    """What member_map() reads of `members`: one query, no model object."""
    return members.values(*COLUMNS)


def member_map(
    members: Iterable[dict],
    regions: list[Region],
    *,
    crop: bool = False,
    small: bool = False,
) -> tuple[MemberMap, list[Row]]:
    """The map of `members` (map_rows()) and the table's rows, every region
    of `regions` in the legend with its colour; `crop`: the view fitted to
    the points rather than the world; `small`: bigger points for a map shown
    small."""
    colours = region_colours(regions)
    names = country_names()
    points: list[Point] = []
    rows: list[Row] = []
    counts: Counter[int] = Counter()
    for member in members:
        url = reverse("members:member-detail", kwargs={"slug": member["slug"]})
        latitude, longitude = member["latitude"], member["longitude"]
        country = names.get(member["country"], "")
        rows.append(
            Row(
                name=member["name"],
                url=url,
                country=country,
                region=member["region__name"],
                latitude=latitude,
                longitude=longitude,
            )
        )
        if latitude is None or longitude is None:
            continue
        x, y = project(float(longitude), float(latitude))
        counts[member["region_id"]] += 1
        points.append(
            Point(
                x=x,
                y=y,
                name=member["name"],
                url=url,
                colour=colours[member["region_id"]],
                country=country,
                region=member["region__name"],
            )
        )
    view_box = fit(points) if crop else MemberMap().view_box
    radius = round((SMALL_RADIUS if small else RADIUS) * view_box[2] / WIDTH, 2)
    legend = [
        LegendEntry(
            name=region.name,
            slug=region.slug,
            colour=colours[region.pk],
            count=counts[region.pk],
        )
        for region in sorted(regions, key=lambda region: region.name)
    ]
    return (
        MemberMap(points=points, legend=legend, view_box=view_box, radius=radius),
        rows,
    )
