"""send_reminders: each reminder queued and sent once, whether the job runs
twice on a day or misses one."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from core.events import domain_event
from governance.models import Meeting
from notifications.models import Kind, Message, Preference
from notifications.reminders import alliance_offset, queue_reminders
from tests import factories
from tests.dues.utils import make_city, make_grid, make_invoice
from tests.governance.utils import STARTS_AT, make_meeting

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def city():
    return make_city(name="Barcelona", slug="barcelona")


@pytest.fixture
def city_liaison(city):
    return factories.LiaisonFactory(user__username="bcn", member=city).user


@pytest.fixture
def alliance(city, city_liaison):
    contact = factories.PersonFactory(name="Ana", email="ana@partner.example")
    return factories.AllianceFactory(
        kind="granting_member", granting_member=city, contact=contact
    )


def run(run_on_commit, day):
    with run_on_commit():
        return queue_reminders(day=day).queued


def sent(kind=Kind.ALLIANCE_EXPIRING):
    return sorted(
        Message.objects.filter(kind=kind, status=Message.Status.SENT).values_list(
            "offset", "recipient_email"
        )
    )


@pytest.mark.parametrize(
    ("days_left", "offset"),
    [(91, None), (90, 90), (31, 90), (30, 30), (8, 30), (7, 7), (0, 7)],
)
def test_the_nearest_reminder_that_has_come(days_left, offset):
    assert alliance_offset(days_left) == offset


def test_alliance_reminders_go_to_the_contact_and_the_liaisons(
    run_on_commit, alliance, liaison
):
    end = alliance.ends_on
    run(run_on_commit, end - 90 * DAY)
    assert sent() == [(90, "ana@partner.example"), (90, "bcn@example.org")]
    assert "Ana" not in mail.outbox[0].body  # the contact reads about the alliance
    assert alliance.title in mail.outbox[0].subject


def test_twice_on_one_day_sends_each_reminder_once(run_on_commit, alliance):
    end = alliance.ends_on
    first = run(run_on_commit, end - 30 * DAY)
    second = run(run_on_commit, end - 30 * DAY)
    assert len(first) == 2
    assert second == []
    assert Message.objects.count() == 2
    assert len(mail.outbox) == 2


def test_a_missed_day_is_caught_up_once(run_on_commit, alliance):
    end = alliance.ends_on
    run(run_on_commit, end - 31 * DAY)  # nothing due yet but the 90-day one
    mail.outbox.clear()
    # The job did not run on the 30-day day; the next day catches it up, and
    # the day after sends nothing more.
    run(run_on_commit, end - 29 * DAY)
    run(run_on_commit, end - 28 * DAY)
    assert [m.to for m in mail.outbox] == [
        ["ana@partner.example"],
        ["bcn@example.org"],
    ]
    assert sent() == [
        (30, "ana@partner.example"),
        (30, "bcn@example.org"),
        (90, "ana@partner.example"),
        (90, "bcn@example.org"),
    ]


def test_the_command_twice_today_sends_once(run_on_commit, city, city_liaison):
    today = timezone.localdate()
    factories.AllianceFactory(
        kind="granting_member",
        granting_member=city,
        start_date=today - 3 * 365 * DAY + 7 * DAY,
        signed_on=today - 3 * 365 * DAY,
    )
    out, again = io.StringIO(), io.StringIO()
    with run_on_commit():
        call_command("send_reminders", stdout=out)
    with run_on_commit():
        call_command("send_reminders", stdout=again)
    assert "bcn@example.org" in out.getvalue()
    assert "1 reminder(s) queued" in out.getvalue()
    assert "0 reminder(s) queued" in again.getvalue()
    assert len(mail.outbox) == 1


def test_ended_alliance_is_not_reminded(run_on_commit, alliance):
    assert run(run_on_commit, alliance.ends_on + DAY) == []


def test_an_extension_brings_the_reminders_back(run_on_commit, alliance):
    run(run_on_commit, alliance.ends_on - 90 * DAY)
    extension = factories.AllianceExtensionFactory(
        alliance=alliance, new_end_date=alliance.ends_on + 365 * DAY
    )
    run(run_on_commit, extension.new_end_date - 90 * DAY)
    assert sent().count((90, "bcn@example.org")) == 2


def test_opted_out_liaison_gets_no_alliance_reminder(
    run_on_commit, alliance, city_liaison
):
    Preference.objects.create(user=city_liaison, non_statutory=False)
    run(run_on_commit, alliance.ends_on - 7 * DAY)
    assert sent() == [(7, "ana@partner.example")]


def test_alliance_expiring_event_with_its_offset(run_on_commit, alliance):
    events = []

    def listen(sender, event, instance, **context):
        events.append((event, instance, context["offset"]))

    domain_event.connect(listen)
    try:
        run(run_on_commit, alliance.ends_on - 30 * DAY)
    finally:
        domain_event.disconnect(listen)
    assert events == [("alliance.expiring", alliance, 30)]


@pytest.fixture
def invoice(city, city_liaison):
    make_grid()
    return make_invoice(
        city, issued_on=datetime.date(2026, 1, 15), due_on=datetime.date(2026, 3, 31)
    )


def test_invoice_due_and_overdue_once_each(run_on_commit, invoice, liaison):
    mail.outbox.clear()
    for day in (datetime.date(2026, 2, 28), datetime.date(2026, 3, 1)):
        run(run_on_commit, day)
    assert sent(Kind.INVOICE_DUE) == [(30, "bcn@example.org")]
    for day in (datetime.date(2026, 4, 29), datetime.date(2026, 5, 3)):
        run(run_on_commit, day)
    assert sent(Kind.INVOICE_OVERDUE) == [(-30, "bcn@example.org")]
    assert [m.subject for m in mail.outbox] == [
        f"Invoice {invoice.number} is due on March 31, 2026",
        f"Invoice {invoice.number} is overdue",
    ]


def test_paid_invoice_is_not_reminded(run_on_commit, invoice):
    from dues.services import payment_record_full

    payment_record_full(invoice=invoice, received_on=datetime.date(2026, 3, 2))
    mail.outbox.clear()
    assert run(run_on_commit, datetime.date(2026, 5, 3)) == []


def test_opted_out_liaison_still_gets_invoice_reminders(
    run_on_commit, invoice, city_liaison
):
    Preference.objects.create(user=city_liaison, non_statutory=False)
    run(run_on_commit, datetime.date(2026, 3, 1))
    assert sent(Kind.INVOICE_DUE) == [(30, "bcn@example.org")]


def test_general_assembly_three_days_ahead_to_every_member(
    run_on_commit, city_liaison, liaison, other_liaison
):
    make_meeting(status=Meeting.Status.CONVENED)
    make_meeting(
        body=Meeting.Body.BOARD,
        slug="board",
        title="Board",
        status=Meeting.Status.CONVENED,
    )
    day = STARTS_AT.date()
    run(run_on_commit, day - 4 * DAY)
    assert Message.objects.count() == 0
    run(run_on_commit, day - 3 * DAY)
    run(run_on_commit, day - 2 * DAY)
    assert sent(Kind.MEETING_SOON) == [
        (3, "bcn@example.org"),
        (3, "liaison@example.org"),
        (3, "other-liaison@example.org"),
    ]
