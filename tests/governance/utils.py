"""Builders for governance tests: a General Assembly on 10 June 2026 (Madrid),
members whose 2025 fee is paid, unpaid, waived or paid on the day."""

import datetime
import zoneinfo

from dues.models import FeeWaiver
from dues.services import payment_record_full
from governance.models import AgendaItem, Meeting, Resolution
from governance.services import attendance_record
from tests.dues.utils import make_city, make_grid, make_invoice

MADRID = zoneinfo.ZoneInfo("Europe/Madrid")
DAY = datetime.date(2026, 6, 10)
STARTS_AT = datetime.datetime(2026, 6, 10, 10, 0, tzinfo=MADRID)


def make_meeting(**kwargs) -> Meeting:
    values = {
        "body": Meeting.Body.GENERAL_ASSEMBLY,
        "title": "General Assembly 2026",
        "slug": "general-assembly-2026",
        "starts_at": STARTS_AT,
        "place": "Barcelona",
        "convened_on": DAY - datetime.timedelta(days=30),
        "status": Meeting.Status.HELD,
    }
    return Meeting.objects.create(**(values | kwargs))


def grid_2025():
    return make_grid(first_year=2023, last_year=2025)


def member_paid(name, paid_on=datetime.date(2025, 2, 1)):
    """A member whose 2025 invoice is paid in full on `paid_on`."""
    city = make_city(name=name, slug=name.lower().replace(" ", "-"))
    invoice = make_invoice(
        city,
        year=2025,
        issued_on=datetime.date(2025, 1, 15),
        due_on=datetime.date(2025, 2, 14),
    )
    if paid_on is not None:
        payment_record_full(invoice=invoice, received_on=paid_on)
    return city


def member_unpaid(name):
    return member_paid(name, paid_on=None)


def member_waived(name):
    city = make_city(name=name, slug=name.lower().replace(" ", "-"))
    FeeWaiver.objects.create(
        member=city,
        year=2025,
        reason="Earthquake",
        decided_on=datetime.date(2025, 3, 1),
    )
    return city


def present(meeting, *members):
    for member in members:
        attendance_record(meeting=meeting, member=member, status="present")


def make_resolution(meeting, kind=Resolution.Kind.OTHER, position=1, **kwargs):
    item, _ = AgendaItem.objects.get_or_create(
        meeting=meeting, position=position, defaults={"title": f"Item {position}"}
    )
    return Resolution.objects.create(
        agenda_item=item, kind=kind, **({"text": "Resolved."} | kwargs)
    )
