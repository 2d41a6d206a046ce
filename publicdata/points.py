"""Member cities as the map draws them: a point each where the city has
coordinates (or, past MEMBER_POINTS, a point per group of nearby members), a
row each in the table beside the map, a legend of regions."""

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
# The full map (/members/map/) draws a point per member while it has at most
# MEMBER_POINTS of them (the association has ~150), else a point per cell of
# FULL_CELL degrees and region: about a point's width on the full world map.
MEMBER_POINTS = 500
FULL_CELL = 3

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
    """What member_map() and table_rows() read of `members`: one query, no
    model object."""
    return members.values(*COLUMNS)


def table_rows(members: Iterable[dict]) -> list[Row]:
    """The table's rows of `members` (map_rows(), or a page of them)."""
    names = country_names()
    return [
        Row(
            name=member["name"],
            url=reverse("members:member-detail", kwargs={"slug": member["slug"]}),
            country=names.get(member["country"], ""),
            region=member["region__name"],
            latitude=member["latitude"],
            longitude=member["longitude"],
        )
        for member in members
    ]


def full_map(
    members: QuerySet[MemberCity],
    regions: list[Region],
    *,
    located: int,
    crop: bool = False,
) -> MemberMap:
    """The full-size map of `members`, of which `located` have coordinates:
    a point per member up to MEMBER_POINTS of them, else a point per group
    of nearby members of a region (cells of FULL_CELL degrees). One query,
    its rows bounded by MEMBER_POINTS or by the cells."""
    if located <= MEMBER_POINTS:
        return member_map(map_rows(members.located()), regions, crop=crop)
    return clustered_map(
        cluster_rows(members, cell=FULL_CELL), regions, crop=crop, small=False
    )


def member_map(
    members: Iterable[dict],
    regions: list[Region],
    *,
    crop: bool = False,
    small: bool = False,
) -> MemberMap:
    """The map of `members` (map_rows()): a point each that has coordinates,
    every region of `regions` in the legend with its colour; `crop`: the
    view fitted to the points rather than the world; `small`: bigger points
    for a map shown small."""
    colours = region_colours(regions)
    names = country_names()
    points: list[Point] = []
    counts: Counter[int] = Counter()
    for member in members:
        latitude, longitude = member["latitude"], member["longitude"]
        if latitude is None or longitude is None:
            continue
        url = reverse("members:member-detail", kwargs={"slug": member["slug"]})
        x, y = project(float(longitude), float(latitude))
        counts[member["region_id"]] += 1
        points.append(
            Point(
                x=x,
                y=y,
                name=member["name"],
                url=url,
                colour=colours[member["region_id"]],
                country=names.get(member["country"], ""),
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
    return MemberMap(points=points, legend=legend, view_box=view_box, radius=radius)


def cluster_rows(members: QuerySet[MemberCity], *, cell: int = CELL) -> QuerySet:
    """`members` with coordinates grouped by cell of `cell` degrees and
    region, the largest group first: how many, their mean position, the
    first name and slug (the member's own when it is alone). One query; as
    many rows as cells with members, at most, not as many as members."""
    return (
        members.located()
        .annotate(
            cell_y=Floor(F("latitude") / Value(cell)),
            cell_x=Floor(F("longitude") / Value(cell)),
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
    rows: Iterable[dict],
    regions: list[Region],
    *,
    crop: bool = False,
    small: bool = True,
) -> MemberMap:
    """The map of cluster_rows(): a point per group, linked to its member's
    page when it is one member, else to the full map of its region; larger
    as it holds more members. `crop`: the view fitted to the points rather
    than the world (the points keep their size on the page); `small`: the
    bigger points of a map shown small."""
    base = SMALL_RADIUS if small else RADIUS
    colours = region_colours(regions)
    map_url = reverse("publicdata:member-map")
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
            url = f"{map_url}?{urlencode({'region': row['region__slug']})}"
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
                radius=base * (1 + math.log10(count) / 2),
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
        radius=round(base * scale, 2),
    )
