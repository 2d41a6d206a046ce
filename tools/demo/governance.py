"""Demo governance: a General Assembly held this year, some months ago (the
demo's dues invoice last year and this year, and the right to vote at an
Assembly rests on the previous year's fee), with its roll, quorum and
resolutions — the adoption of the Strategic Action Plan and the admission of
an illustrative member city — a Board meeting the same day, and a General
Assembly convened for the coming months. Dates are relative to today.

Every write goes through the governance services (attendance, votes and the
effects they apply). Idempotent: meetings are found by slug, and a meeting's
agenda, attendance and votes are written only when the meeting is created.
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

# The demo's cities at the Assembly: present, represented (by whom) or
# apologies. Montevideo and Mexico City attend but may not vote (their
# previous year's fee is not paid in full: dues demo).
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


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE)
    )


def held_day(today: datetime.date) -> datetime.date:
    """Some months before today, in this year when there is room."""
    day = max(datetime.date(today.year, 1, 10), today - datetime.timedelta(days=150))
    return day if day < today else today - datetime.timedelta(days=1)


def load_governance(*, cities: dict[str, MemberCity], today: datetime.date) -> int:
    """Create what is missing; the number of meetings created."""
    started = timezone.now()
    created = _load(cities, today)
    # The services write the history; name the demo as its reason.
    for model in (Meeting, AgendaItem, Attendance, Resolution, MemberCity):
        model.history.filter(
            history_date__gte=started, history_change_reason__isnull=True
        ).update(history_change_reason=CHANGE_REASON)
    return created


def _load(cities: dict[str, MemberCity], today: datetime.date) -> int:
    day = held_day(today)
    created = 0
    if not Meeting.objects.filter(slug=f"general-assembly-{day:%Y-%m}").exists():
        _held_assembly(cities, day)
        created += 1
    board_slug = f"board-meeting-{day:%Y-%m}"
    if not Meeting.objects.filter(slug=board_slug).exists():
        board = Meeting.objects.create(
            body=Meeting.Body.BOARD,
            title=f"Board of Directors, {day:%B %Y}",
            slug=board_slug,
            starts_at=_at(day, 16),
            place="Barcelona",
            format=Meeting.Format.HYBRID,
            convened_on=day - datetime.timedelta(days=20),
            status=Meeting.Status.HELD,
        )
        for position, title in enumerate(
            ["Follow-up of the General Assembly's decisions", "Work plan"], 1
        ):
            AgendaItem.objects.create(meeting=board, position=position, title=title)
        created += 1
    # One General Assembly convened for the coming months: a later day finds
    # it still coming, or creates the next one when it has passed.
    coming = today + datetime.timedelta(days=90)
    coming_slug = f"general-assembly-{coming:%Y-%m}"
    convened = Meeting.objects.filter(
        body=Meeting.Body.GENERAL_ASSEMBLY,
        status=Meeting.Status.CONVENED,
        starts_at__gt=_at(today, 23),
    )
    if not convened.exists() and not Meeting.objects.filter(slug=coming_slug).exists():
        meeting = Meeting(
            body=Meeting.Body.GENERAL_ASSEMBLY,
            title=f"General Assembly {coming:%Y}",
            slug=coming_slug,
            starts_at=_at(coming, 10),
            place="Barcelona",
            format=Meeting.Format.HYBRID,
            convened_on=today - datetime.timedelta(days=1),
            status=Meeting.Status.CONVENED,
        )
        meeting.full_clean()
        # Through the service: convening it announces it (notifications, webhooks).
        meeting_save(meeting=meeting)
        for position, title in enumerate(
            ["Roll call and quorum", "Accounts and fee grid", "Board election"], 1
        ):
            AgendaItem.objects.create(meeting=meeting, position=position, title=title)
        created += 1
    return created


def _held_assembly(cities: dict[str, MemberCity], day: datetime.date) -> None:
    meeting = Meeting(
        body=Meeting.Body.GENERAL_ASSEMBLY,
        title=f"General Assembly {day:%Y}",
        slug=f"general-assembly-{day:%Y-%m}",
        starts_at=_at(day, 10),
        place="Barcelona",
        format=Meeting.Format.HYBRID,
        convened_on=day - datetime.timedelta(days=30),
        status=Meeting.Status.HELD,
        minutes=(
            "The General Assembly met in Barcelona and online.\n\n"
            "- The Strategic Action Plan was adopted.\n"
            "- Example City (illustrative) was admitted as a member."
        ),
        minutes_approved=True,
    )
    meeting.full_clean()
    meeting.save()
    items = {}
    for position, title in enumerate(
        ["Roll call and quorum", "Strategic Action Plan", "Admission of members"], 1
    ):
        items[position] = AgendaItem.objects.create(
            meeting=meeting, position=position, title=title
        )
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
    candidate = MemberCity.objects.filter(slug=CANDIDATE["slug"]).first()
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
