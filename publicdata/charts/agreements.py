"""The agreement timeline: a lane per alliance, its agreed term and each
extension after it, cut at its termination; today marked (the day in
Madrid); the strategic action plans' periods behind.

It draws the alliances it is given: on the alliance list, that page's
(at most its page size, the list's filters applied); on the charts page,
the RECENT public alliances that started last, with a link to the list.
Never thousands of bars. The alliances come from
Alliance.objects.visible_to(), their extensions prefetched; the plans are
one query."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliances.models import Alliance, AllianceExtension, StrategicActionPlan
from members.viewers import ANONYMOUS
from publicdata.charts.geometry import (
    Band,
    Lane,
    Span,
    Timeline,
    TimeScale,
    lane_y,
    shorten,
)

RECENT = 20
# The axis stops this many years after today: a 99-year term runs off it.
HORIZON_YEARS = 10
TERM_COLOUR = "#0072B2"
EXTENSION_COLOUR = "#56B4E9"
PLAN_SHADES = ("#EAF1F8", "#F5F2E6")


@dataclass(frozen=True)
class ExtensionRow:
    agreed_on: datetime.date
    new_end: datetime.date


@dataclass(frozen=True)
class AllianceRow:
    """An alliance in the table beside the timeline."""

    title: str
    url: str
    status: str
    start: datetime.date
    agreed_end: datetime.date
    extensions: tuple[ExtensionRow, ...]
    end: datetime.date
    terminated_on: datetime.date | None


@dataclass
class AgreementChart:
    timeline: Timeline
    rows: list[AllianceRow]
    plans: list[StrategicActionPlan]
    term_colour: str = TERM_COLOUR
    extension_colour: str = EXTENSION_COLOUR


def with_extensions(queryset):
    return queryset.prefetch_related(
        Prefetch(
            "extensions", queryset=AllianceExtension.objects.order_by("new_end_date")
        )
    )


def recent_alliances() -> list[Alliance]:
    """The RECENT public alliances that started last: two queries."""
    alliances = (
        Alliance.objects.visible_to(ANONYMOUS)
        .filter(start_date__isnull=False)
        .order_by("-start_date", "-id")
    )
    return list(with_extensions(alliances)[:RECENT])


def periods(alliance: Alliance) -> list[tuple[str, datetime.date, datetime.date]]:
    """(kind, first day, last day) of the term and each extension that
    moved its end later, cut at the termination."""
    agreed_end = alliance.agreed_end_date
    found = [("term", alliance.start_date, agreed_end)]
    last = agreed_end
    for extension in alliance.extensions.all():
        if extension.new_end_date > last:
            found.append(
                ("extension", last + datetime.timedelta(days=1), extension.new_end_date)
            )
            last = extension.new_end_date
    if alliance.terminated_on:
        found = [
            (kind, first, min(final, alliance.terminated_on))
            for kind, first, final in found
            if first <= alliance.terminated_on
        ]
    return found


def agreement_timeline(alliances, plans=None) -> AgreementChart:
    """The timeline of `alliances` (their extensions prefetched; those
    without a start date are not drawn) over `plans` (all of them, one
    query, when not given)."""
    today = timezone.localdate()
    alliances = [alliance for alliance in alliances if alliance.start_date]
    if plans is None:
        plans = list(StrategicActionPlan.objects.order_by("first_year"))
    drawn = {alliance.pk: periods(alliance) for alliance in alliances}
    first_year = min(
        (alliance.start_date.year for alliance in alliances), default=today.year
    )
    last_day = max(
        (final for found in drawn.values() for _kind, _first, final in found),
        default=today,
    )
    last_year = min(max(last_day, today).year, today.year + HORIZON_YEARS)
    scale = TimeScale(datetime.date(first_year, 1, 1), datetime.date(last_year, 12, 31))
    shown_plans = [
        plan
        for plan in plans
        if plan.last_year >= first_year and plan.first_year <= last_year
    ]
    bands = [
        Band(
            x=scale.x(datetime.date(max(plan.first_year, first_year), 1, 1)),
            width=scale.width(
                datetime.date(max(plan.first_year, first_year), 1, 1),
                datetime.date(min(plan.last_year, last_year), 12, 31),
            ),
            label=shorten(plan.title, 24),
            shade=PLAN_SHADES[index % len(PLAN_SHADES)],
        )
        for index, plan in enumerate(shown_plans)
    ]
    lanes, rows = [], []
    colours = {"term": TERM_COLOUR, "extension": EXTENSION_COLOUR}
    names = {"term": _("term"), "extension": _("extension")}
    for index, alliance in enumerate(alliances):
        top, baseline = lane_y(index)
        spans = tuple(
            Span(
                x=scale.x(first),
                y=top,
                width=scale.width(first, min(final, scale.end)),
                colour=colours[kind],
                kind=kind,
                label=f"{alliance.title}, {names[kind]}: "
                f"{first.isoformat()} – {final.isoformat()}",
            )
            for kind, first, final in drawn[alliance.pk]
            if first <= scale.end
        )
        lanes.append(
            Lane(
                label=shorten(alliance.title),
                title=alliance.title,
                y=top,
                spans=spans,
                text_y=baseline,
            )
        )
        rows.append(
            AllianceRow(
                title=alliance.title,
                url=alliance.get_absolute_url(),
                status=alliance.get_status_display(),
                start=alliance.start_date,
                agreed_end=alliance.agreed_end_date,
                extensions=tuple(
                    ExtensionRow(extension.agreed_on, extension.new_end_date)
                    for extension in alliance.extensions.all()
                ),
                end=alliance.end_date,
                terminated_on=alliance.terminated_on,
            )
        )
    timeline = Timeline(
        slug="agreements",
        title=_("Agreement timeline"),
        description=_(
            "Each alliance in a row: its agreed term, then each extension, up "
            "to its termination if it was terminated; a line marks today; the "
            "strategic action plans' periods are shaded behind."
        ),
        x_title=_("Year"),
        scale=scale,
        lanes=lanes,
        bands=bands,
        today=scale.x(today) if scale.start <= today <= scale.end else None,
    )
    return AgreementChart(timeline=timeline, rows=rows, plans=shown_plans)
