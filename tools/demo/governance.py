"""Demo governance: a General Assembly held last year, in the autumn (the
right to vote there rests on the fee of the year before last, which the dues
demo invoices), with its roll, quorum and resolutions — the adoption of the
Strategic Action Plan and the admission of an illustrative member city — a
Board meeting the same day, and a General Assembly convened for the coming
months. Dates are relative to today.

Every write goes through the governance services (meetings, attendance,
votes and the effects they apply). Idempotent: meetings are found by slug,
and a meeting's agenda, attendance and votes are written only when the
meeting is created. A person's change to a demo meeting is kept; `--reset`
puts back its fields and its agenda's titles (attendance and votes, once
recorded, change only through the services' own rules: reversing first).
"""

import datetime
import zoneinfo

from django.conf import settings
from django.utils import timezone

from alliances.models import StrategicActionPlan
from governance.models import AgendaItem, Attendance, Meeting, Resolution
from governance.roll import roll
from governance.services import (
    attendance_record,
    meeting_save,
    resolution_record_votes,
)
from members.models import MemberCity, Region
from tools.demo.clock import assembly_day

# The demo's cities at the Assembly: present, represented (by whom) or
# apologies. Montevideo and Mexico City attend but may not vote (their fee of
# the year before is not paid in full by the Assembly's day: dues demo).
ATTENDANCE = [
    ("guangzhou", "present", None),
    ("barcelona", "present", None),
    ("dakar", "present", None),
    ("montevideo", "present", None),
    ("berlin", "represented", "barcelona"),
    ("mexico-city", "apologies", None),
]
CHANGE_REASON = "load_demo"
CANDIDATE = {
    "name": "Example City (illustrative)",
    "slug": "example-city",
    "country": "PT",
    "summary": "An illustrative city of the demo, admitted by its General Assembly.",
}
COMING_DAYS = 90
# The coming Assembly's slug ends with its day (its anchor): its values are
# recomputed from it, so a later run or `--reset` finds them equal.
COMING_PREFIX = "general-assembly-"


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE)
    )


def _held(day: datetime.date, admits: bool) -> tuple[dict, list[str]]:
    minutes = [
        "The General Assembly met in Barcelona and online.\n",
        "- The Strategic Action Plan was adopted.",
    ]
    agenda = ["Roll call and quorum", "Strategic Action Plan"]
    if admits:
        minutes.append(f"- {CANDIDATE['name']} was admitted as a member.")
        agenda.append("Admission of members")
    values = {
        "body": Meeting.Body.GENERAL_ASSEMBLY,
        "title": f"General Assembly {day:%Y}",
        # The year alone: never the slug of a coming Assembly (a full day).
        "slug": f"general-assembly-{day:%Y}",
        "starts_at": _at(day, 10),
        "place": "Barcelona",
        "format": Meeting.Format.HYBRID,
        "convened_on": day - datetime.timedelta(days=30),
        "status": Meeting.Status.HELD,
        "minutes": "\n".join(minutes),
        "minutes_approved": True,
    }
    return values, agenda


def _board(day: datetime.date) -> tuple[dict, list[str]]:
    values = {
        "body": Meeting.Body.BOARD,
        "title": f"Board of Directors, {day:%B %Y}",
        "slug": f"board-meeting-{day:%Y-%m}",
        "starts_at": _at(day, 16),
        "place": "Barcelona",
        "format": Meeting.Format.HYBRID,
        "convened_on": day - datetime.timedelta(days=20),
        "status": Meeting.Status.HELD,
        "minutes": "",
        "minutes_approved": False,
    }
    return values, ["Follow-up of the General Assembly's decisions", "Work plan"]


def _coming(day: datetime.date) -> tuple[dict, list[str]]:
    values = {
        "body": Meeting.Body.GENERAL_ASSEMBLY,
        "title": f"General Assembly {day:%Y}",
        "slug": f"{COMING_PREFIX}{day.isoformat()}",
        "starts_at": _at(day, 10),
        "place": "Barcelona",
        "format": Meeting.Format.HYBRID,
        # Convened the day before the demo dated it: notice enough.
        "convened_on": day - datetime.timedelta(days=COMING_DAYS + 1),
        "status": Meeting.Status.CONVENED,
        "minutes": "",
        "minutes_approved": False,
    }
    return values, ["Roll call and quorum", "Accounts and fee grid", "Board election"]


def load_governance(
    *, cities: dict[str, MemberCity], today: datetime.date, reset: bool = False
) -> int:
    """Create what is missing (with `reset`, put the demo meetings back); the
    number of meetings created."""
    started = timezone.now()
    created = _load(cities, today, reset)
    # The services write the history; name the demo as its reason.
    for model in (Meeting, AgendaItem, Attendance, Resolution, MemberCity):
        model.history.filter(
            history_date__gte=started, history_change_reason__isnull=True
        ).update(history_change_reason=CHANGE_REASON)
    return created


def _load(cities: dict[str, MemberCity], today: datetime.date, reset: bool) -> int:
    day = assembly_day(today)
    created = 0
    held = Meeting.objects.filter(slug=_held(day, False)[0]["slug"]).first()
    if held is None:
        _held_assembly(cities, day)
        created += 1
    elif reset:
        admits = Resolution.objects.filter(
            agenda_item__meeting=held, kind=Resolution.Kind.ADMISSION
        ).exists()
        _put_back(held, *_held(day, admits))
    created += _ensure(*_board(day), reset=reset)
    if reset:
        for meeting in Meeting.objects.filter(slug__startswith=COMING_PREFIX):
            anchor = _anchor(meeting.slug)
            if anchor is not None and anchor > today:
                _put_back(meeting, *_coming(anchor))
    # One General Assembly convened for the coming months: a later day finds
    # it still coming, or creates the next one when it has passed.
    convened = Meeting.objects.filter(
        body=Meeting.Body.GENERAL_ASSEMBLY,
        status=Meeting.Status.CONVENED,
        starts_at__gt=_at(today, 23),
    )
    if not convened.exists():
        coming = today + datetime.timedelta(days=COMING_DAYS)
        created += _ensure(*_coming(coming), reset=reset)
    return created


def _anchor(slug: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(slug.removeprefix(COMING_PREFIX))
    except ValueError:
        return None


def _ensure(values: dict, agenda: list[str], *, reset: bool) -> int:
    """The meeting of `values` created with its agenda if missing (1), or put
    back with `reset` (0)."""
    meeting = Meeting.objects.filter(slug=values["slug"]).first()
    if meeting is not None:
        if reset:
            _put_back(meeting, values, agenda)
        return 0
    meeting = Meeting(**values)
    meeting.full_clean()
    # Through the service: convening announces it (notifications, webhooks).
    meeting_save(meeting=meeting)
    for position, title in enumerate(agenda, 1):
        AgendaItem.objects.create(meeting=meeting, position=position, title=title)
    return 1


def _put_back(meeting: Meeting, values: dict, agenda: list[str]) -> None:
    """`meeting`'s fields and its agenda's titles as the demo made them."""
    changed = [
        name for name, value in values.items() if getattr(meeting, name) != value
    ]
    if changed:
        for name in changed:
            setattr(meeting, name, values[name])
        meeting.full_clean()
        meeting_save(meeting=meeting)
    items = {item.position: item for item in meeting.agenda_items.all()}
    for position, title in enumerate(agenda, 1):
        item = items.get(position)
        if item is None:
            AgendaItem.objects.create(meeting=meeting, position=position, title=title)
        elif item.title != title:
            item.title = title
            item.save()


def _held_assembly(cities: dict[str, MemberCity], day: datetime.date) -> None:
    candidate = MemberCity.objects.filter(slug=CANDIDATE["slug"]).first()
    # Admitted once: a later year's Assembly does not admit it again.
    admits = candidate is None or candidate.status != MemberCity.Status.ACTIVE
    values, agenda = _held(day, admits)
    meeting = Meeting(**values)
    meeting.full_clean()
    meeting_save(meeting=meeting)
    items = {
        position: AgendaItem.objects.create(
            meeting=meeting, position=position, title=title
        )
        for position, title in enumerate(agenda, 1)
    }
    for slug, status, holder in ATTENDANCE:
        if slug in cities:
            attendance_record(
                meeting=meeting,
                member=cities[slug],
                status=status,
                proxy_holder=cities.get(holder) if holder else None,
            )
    # Every city on the roll votes (how many depends on the dues demo).
    voters = roll(meeting).size
    plan = StrategicActionPlan.objects.order_by("-first_year").first()
    if plan is not None:
        adoption = Resolution.objects.create(
            agenda_item=items[2],
            kind=Resolution.Kind.PLAN_ADOPTION,
            text=f"The General Assembly adopts the {plan.title}.",
            plan=plan,
        )
        resolution_record_votes(
            resolution=adoption, votes_for=voters, votes_against=0, abstentions=0
        )
    if not admits:
        return
    if candidate is None:
        candidate = MemberCity(
            **CANDIDATE,
            region=Region.objects.get(slug="europe"),
            join_year=day.year,
            status=MemberCity.Status.SUSPENDED,
        )
        candidate.full_clean()
        candidate.save()
    admission = Resolution.objects.create(
        agenda_item=items[3],
        kind=Resolution.Kind.ADMISSION,
        text=f"The General Assembly admits {candidate.name} as a full member.",
        member_city=candidate,
    )
    resolution_record_votes(
        resolution=admission,
        votes_for=max(voters - 1, 0),
        votes_against=0,
        abstentions=min(voters, 1),
    )
