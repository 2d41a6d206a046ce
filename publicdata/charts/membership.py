"""Members over time by region: how many active members each region had at
the end of each year, from the founding of the first member to this year
(in Madrid).

A member counts from its join year. One that is no longer active
(suspended or withdrawn) stops counting from the year of its status change
(its join year when that day is unknown): this year's total is the public
directory's. A member that left and was admitted again has a new join year
(governance's admission sets it); its earlier membership is read from its
history: each earlier join year that ended in a suspension or a withdrawal.
A join year corrected by hand, with no departure, is no earlier membership.

Four queries whatever the number of members, each aggregated in SQL: the
current joins and departures by region and year, the earlier memberships
(a row per membership that ended, not per member), and the regions."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce, ExtractYear, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import MemberCity, Region
from members.viewers import ANONYMOUS
from publicdata.charts.geometry import BarChart, Series
from publicdata.maps import region_colours

GONE = (MemberCity.Status.SUSPENDED, MemberCity.Status.WITHDRAWN)


@dataclass(frozen=True)
class Change:
    """Members of a region joining (+) or leaving (-) in a year."""

    region_id: int
    year: int
    members: int


def changes() -> list[Change]:
    """Every join and departure as counts by region and year: three queries."""
    members = MemberCity.objects.visible_to(ANONYMOUS).order_by()
    found = [
        Change(row["region_id"], row["join_year"], row["n"])
        for row in members.values("region_id", "join_year").annotate(n=Count("pk"))
    ]
    left = Greatest(
        Coalesce(ExtractYear("status_changed_on"), "join_year"),
        "join_year",
        output_field=IntegerField(),
    )
    found += [
        Change(row["region_id"], row["left"], -row["n"])
        for row in members.filter(status__in=GONE)
        .values("region_id", left=left)
        .annotate(n=Count("pk"))
    ]
    for region_id, joined, ended, count in earlier_memberships():
        found += [Change(region_id, joined, count), Change(region_id, ended, -count)]
    return found


def earlier_memberships() -> list[tuple[int, int, int, int]]:
    """(region id, join year, year left, members) of the memberships that
    ended before the member's current join year, from the history: one
    query, a row per such membership."""
    history = MemberCity.history.order_by()
    current = (
        MemberCity.objects.visible_to(ANONYMOUS)
        .filter(pk=OuterRef("id"))
        .values("join_year")
    )
    ended = Coalesce(
        ExtractYear("status_changed_on"),
        ExtractYear("history_date"),
        output_field=IntegerField(),
    )
    rows = (
        history.filter(status__in=GONE)
        .annotate(current_join=Subquery(current))
        .filter(join_year__lt=F("current_join"))
        .values("id", "join_year")
        .annotate(
            region=Max("region_id"), ended=Max(ended), rejoined=Max("current_join")
        )
    )
    counts: Counter[tuple[int, int, int]] = Counter()
    for row in rows:
        # Between the join year and the year of the later admission.
        ended_in = min(max(row["ended"], row["join_year"]), row["rejoined"])
        counts[(row["region"], row["join_year"], ended_in)] += 1
    return [(*key, count) for key, count in counts.items()]


def membership_chart() -> BarChart:
    """Active members at the end of each year, stacked by region (the map's
    colours): four queries."""
    this_year = timezone.localdate().year
    found = [change for change in changes() if change.year <= this_year]
    regions = sorted(Region.objects.all(), key=lambda region: region.name)
    colours = region_colours(regions)
    first = min((change.year for change in found if change.members > 0), default=None)
    years = list(range(first, this_year + 1)) if first is not None else []
    steps: Counter[tuple[int, int]] = Counter()
    for change in found:
        steps[(change.region_id, max(change.year, first or change.year))] += (
            change.members
        )
    values = []
    for region in regions:
        running, row = 0, []
        for year in years:
            running += steps[(region.pk, year)]
            row.append(running)
        values.append(row)
    return BarChart(
        slug="membership",
        title=_("Members over time by region"),
        description=_(
            "The active members at the end of each year, stacked by region. A "
            "member counts from the year it joined until the year it was "
            "suspended or withdrew."
        ),
        x_title=_("Year"),
        y_title=_("Active members"),
        categories=[str(year) for year in years],
        series=[
            Series(region.slug, region.name, colours[region.pk]) for region in regions
        ],
        values=values,
    )
