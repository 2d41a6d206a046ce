"""Member cities as the map draws them: a point each where the city has
coordinates, a row each in the table beside the map, a legend of regions."""

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Avg, Count, F, Min, QuerySet, Value
from django.db.models.functions import Floor
from django.urls import reverse
from django.utils.translation import ngettext

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
# The small maps (the world on the home page, each region on the regional
# secretariats page) draw one point per cell of CELL degrees and region
# (about a point's width at its size), not one per member: their size is
# bounded by the cells, whatever the number of members.
CELL = 6

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


def cluster_rows(members: QuerySet[MemberCity]) -> QuerySet:
    """`members` with coordinates grouped by cell of CELL degrees and region,
    the largest group first: how many, their mean position, the first name
    and slug (the member's own when it is alone). One query; as many rows as
    cells with members, at most, not as many as members."""
    return (
        members.located()
        .annotate(
            cell_y=Floor(F("latitude") / Value(CELL)),
            cell_x=Floor(F("longitude") / Value(CELL)),
        )
        .order_by()
        .values("cell_y", "cell_x", "region_id", "region__slug", "region__name")
        .annotate(
            count=Count("id"),
            mean_latitude=Avg("latitude"),
            mean_longitude=Avg("longitude"),
            first_name=Min("name"),
            first_slug=Min("slug"),
        )
        .order_by("-count", "cell_y", "cell_x", "region_id")
    )


def clustered_map(
    rows: Iterable[dict], regions: list[Region], *, crop: bool = False
) -> MemberMap:
    """The small map of cluster_rows(): a point per group, linked to its
    member's page when it is one member, else to the full map of its region;
    larger as it holds more members. `crop`: the view fitted to the points
    rather than the world (the points keep their size on the page)."""
    colours = region_colours(regions)
    full_map = reverse("publicdata:member-map")
    points: list[Point] = []
    counts: Counter[int] = Counter()
    for row in rows:
        count = row["count"]
        counts[row["region_id"]] += count
        if count == 1:
            name = row["first_name"]
            url = reverse("members:member-detail", kwargs={"slug": row["first_slug"]})
        else:
            name = ngettext(
                "%(count)d member city, %(name)s among them",
                "%(count)d member cities, %(name)s among them",
                count,
            ) % {"count": count, "name": row["first_name"]}
            url = f"{full_map}?{urlencode({'region': row['region__slug']})}"
        x, y = project(float(row["mean_longitude"]), float(row["mean_latitude"]))
        points.append(
            Point(
                x=x,
                y=y,
                name=name,
                url=url,
                colour=colours[row["region_id"]],
                country="",
                region=row["region__name"],
                radius=SMALL_RADIUS * (1 + math.log10(count) / 2),
            )
        )
    view_box = fit(points) if crop else MemberMap().view_box
    scale = view_box[2] / WIDTH
    points = [replace(point, radius=round(point.radius * scale, 2)) for point in points]
    legend = [
        LegendEntry(
            name=region.name,
            slug=region.slug,
            colour=colours[region.pk],
            count=counts[region.pk],
        )
        for region in sorted(regions, key=lambda region: region.name)
    ]
    return MemberMap(
        points=points,
        legend=legend,
        view_box=view_box,
        radius=round(SMALL_RADIUS * scale, 2),
    )
