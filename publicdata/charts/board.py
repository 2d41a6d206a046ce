"""The board over time: who held which office when, over the last
BOARD_YEARS years (this year included), a lane per office, mandates that
overlap in an office in lanes of their own, each coloured by its city's
region (the map's colours).

At most MAX_MANDATES mandates are drawn: the offices in the board's order
(President first, board members last), the latest mandates of each first;
the board page lists every mandate. Two queries (the mandates with their
cities, the regions), three when there are more mandates than drawn."""

import datetime
from dataclasses import dataclass, replace

from django.db.models import Case, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import BoardMandate, Region
from members.models.board import ROLE_ORDER
from publicdata.charts.geometry import (
    Lane,
    Span,
    Timeline,
    TimeScale,
    lane_y,
)
from publicdata.maps import region_colours

BOARD_YEARS = 12
MAX_MANDATES = 80
# The tables the chart reads: its fragment is kept while they keep their
# versions (core.versions), on the day it was made (the line of today).
TABLES = ("members_boardmandate", "members_membercity", "members_region")


@dataclass(frozen=True)
class MandateRow:
    """A mandate in the table beside the chart."""

    role: str
    member: str
    url: str
    start: datetime.date
    end: datetime.date | None
    region: str


@dataclass
class BoardChart:
    timeline: Timeline
    rows: list[MandateRow]
    legend: list[tuple[str, str]]
    # Mandates in the years shown, drawn or not.
    total: int
    first_year: int

    @property
    def truncated(self) -> bool:
        return self.total > len(self.rows)


def board_chart() -> BoardChart:
    today = timezone.localdate()
    start = datetime.date(today.year - BOARD_YEARS + 1, 1, 1)
    end = datetime.date(today.year, 12, 31)
    order = Case(
        *(When(role=role, then=Value(place)) for role, place in ROLE_ORDER.items()),
        output_field=IntegerField(),
    )
    in_years = BoardMandate.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=start), start_date__lte=end
    )
    # The mandates to draw chosen on the mandates alone (thousands sorted),
    # then read with their cities: one query.
    chosen = (
        in_years.annotate(place=order)
        .order_by("place", "-start_date", "-id")
        .values("pk")[: MAX_MANDATES + 1]
    )
    mandates = list(
        BoardMandate.objects.filter(pk__in=chosen)
        .select_related("member")
        .only(
            "start_date",
            "end_date",
            "role",
            "member__name",
            "member__slug",
            "member__region_id",
        )
        .annotate(place=order)
        .order_by("place", "-start_date", "-id")
    )
    total = len(mandates)
    if total > MAX_MANDATES:
        mandates = mandates[:MAX_MANDATES]
        total = in_years.count()
    regions = {region.pk: region for region in Region.objects.all()}
    colours = region_colours(regions.values())
    scale = TimeScale(start, end)
    mandates.sort(key=lambda mandate: (mandate.place, mandate.start_date, mandate.pk))
    lanes: list[Lane] = []
    rows: list[MandateRow] = []
    used_regions: set[int] = set()
    role_lanes: list[tuple[str, list[tuple[datetime.date, list[Span]]]]] = []
    # Each role's name translated once, not once a mandate.
    role_names = {role.value: str(role.label) for role in BoardMandate.Role}
    for mandate in mandates:
        label = role_names[mandate.role]
        if not role_lanes or role_lanes[-1][0] != mandate.role:
            role_lanes.append((mandate.role, []))
        packed = role_lanes[-1][1]
        # The mandate's last day drawn: a running one to today.
        last = min(mandate.end_date or today, end)
        free = next(
            (
                place
                for place, (until, _spans) in enumerate(packed)
                if until < mandate.start_date
            ),
            None,
        )
        if free is None:
            packed.append((last, []))
            free = len(packed) - 1
        packed[free] = (last, packed[free][1])
        member = mandate.member
        region = regions[member.region_id]
        used_regions.add(region.pk)
        period = mandate.period_label
        packed[free][1].append(
            Span(
                x=scale.x(max(mandate.start_date, start)),
                y=0,
                width=scale.width(max(mandate.start_date, start), last),
                colour=colours[region.pk],
                kind="mandate",
                label=f"{member.name}, {label}, {period}",
            )
        )
        rows.append(
            MandateRow(
                role=label,
                member=member.name,
                url=reverse("members:member-detail", kwargs={"slug": member.slug}),
                start=mandate.start_date,
                end=mandate.end_date,
                region=region.name,
            )
        )
    for role, packed in role_lanes:
        for place, (_until, spans) in enumerate(packed):
            top, baseline = lane_y(len(lanes))
            name = role_names[role]
            lanes.append(
                Lane(
                    label=name if place == 0 else "",
                    title=name,
                    y=top,
                    spans=tuple(replace(span, y=top) for span in spans),
                    text_y=baseline,
                )
            )
    legend = [
        (regions[pk].name, colours[pk])
        for pk in sorted(used_regions, key=lambda pk: regions[pk].name)
    ]
    timeline = Timeline(
        slug="board",
        title=_("The board over time"),
        description=_(
            "Each office of the board in a row, each mandate a bar from its "
            "first day to its last (to today while it runs), coloured by the "
            "region of the member city that held it."
        ),
        x_title=_("Year"),
        scale=scale,
        lanes=lanes,
        today=scale.x(today),
    )
    return BoardChart(
        timeline=timeline,
        rows=rows,
        legend=legend,
        total=total,
        first_year=start.year,
    )
