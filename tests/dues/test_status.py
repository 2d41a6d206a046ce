"""Derived facts on boundary days, in Python and in SQL, equal: an invoice's
status, a member's standing, the right to vote."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from dues.models import FeeWaiver, Invoice
from dues.services import invoice_cancel, payment_record
from dues.standing import (
    entitled_to_vote,
    standing,
    voting_right,
    with_entitlement,
    with_standing,
)
from members.models import MemberCity
from tests.dues.utils import DUE_ON, ISSUED_ON, make_city, make_invoice

pytestmark = pytest.mark.django_db
S = Invoice.Status
DAY = datetime.timedelta(days=1)
PAID_ON = datetime.date(2026, 2, 10)


def sql_status(invoice, day):
    return Invoice.objects.with_status(day).get(pk=invoice.pk).status


def both_statuses(invoice, day):
    fresh = Invoice.objects.prefetch_related("payments").get(pk=invoice.pk)
    return fresh.status_on(day), sql_status(invoice, day)


@pytest.fixture
def invoice(grid, city):
    return make_invoice(city)  # 4000.00, issued 15 January, due 14 February 2026


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (ISSUED_ON, S.ISSUED),
        (DUE_ON, S.ISSUED),
        (DUE_ON + DAY, S.OVERDUE),
    ],
)
def test_unpaid_status_around_the_due_day(invoice, day, expected):
    assert both_statuses(invoice, day) == (expected, expected)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (PAID_ON - DAY, S.ISSUED),
        (PAID_ON, S.PARTLY_PAID),
        (DUE_ON, S.PARTLY_PAID),
        (DUE_ON + DAY, S.OVERDUE),
    ],
)
def test_partly_paid_status_on_the_day_the_payment_arrives(invoice, day, expected):
    payment_record(invoice=invoice, received_on=PAID_ON, amount=Decimal("0.10"))

    assert both_statuses(invoice, day) == (expected, expected)


@pytest.mark.parametrize(
    ("day", "expected"),
    [(PAID_ON - DAY, S.PARTLY_PAID), (PAID_ON, S.PAID), (DUE_ON + DAY, S.PAID)],
)
def test_paid_in_cents_that_add_up_exactly(invoice, day, expected):
    # 0.10 + 0.20 is not 0.30 in binary floating point: SQL must still agree.
    for amount, received in (("0.10", ISSUED_ON), ("0.20", ISSUED_ON)):
        payment_record(invoice=invoice, received_on=received, amount=Decimal(amount))
    payment_record(invoice=invoice, received_on=PAID_ON, amount=Decimal("3999.70"))

    assert both_statuses(invoice, day) == (expected, expected)


def test_cancelled_from_the_credit_notes_day(invoice):
    invoice_cancel(invoice=invoice, reason="Waived", issued_on=DUE_ON)

    assert both_statuses(invoice, DUE_ON - DAY) == (S.ISSUED, S.ISSUED)
    assert both_statuses(invoice, DUE_ON) == (S.CANCELLED, S.CANCELLED)


def test_filtering_by_status_in_sql(invoice, grid):
    other = make_invoice(make_city(name="Other"))
    payment_record(invoice=other, received_on=PAID_ON, amount=Decimal("4000"))

    overdue = Invoice.objects.in_status(DUE_ON + DAY, S.OVERDUE)

    assert list(overdue) == [invoice]


# Standing ---------------------------------------------------------------------


def sql_standing(member, day):
    row = with_standing(MemberCity.objects.filter(pk=member.pk), day).get()
    return row.amount_due, row.in_arrears


@pytest.mark.parametrize(
    ("day", "due", "arrears"),
    [
        (ISSUED_ON - DAY, "0.00", False),
        (ISSUED_ON, "4000.00", False),
        (PAID_ON, "3000.00", False),
        (DUE_ON, "3000.00", False),
        (DUE_ON + DAY, "3000.00", True),
    ],
)
def test_standing_in_python_and_sql(invoice, city, day, due, arrears):
    payment_record(invoice=invoice, received_on=PAID_ON, amount=Decimal("1000"))

    python = standing(city, day)

    assert (python.amount_due, python.in_arrears) == (Decimal(due), arrears)
    assert sql_standing(city, day) == (Decimal(due), arrears)


def test_a_cancelled_invoice_is_not_due(invoice, city):
    invoice_cancel(invoice=invoice, reason="Mistake", issued_on=DUE_ON)

    assert standing(city, DUE_ON + DAY).amount_due == Decimal(0)
    assert sql_standing(city, DUE_ON + DAY) == (Decimal(0), False)


def test_next_due_day_is_shown_until_overdue(invoice, city):
    assert standing(city, DUE_ON).next_due_on == DUE_ON
    assert standing(city, DUE_ON + DAY).next_due_on is None


# The right to vote ---------------------------------------------------------------


def sql_entitled(member, day):
    return with_entitlement(MemberCity.objects.filter(pk=member.pk), day).get()


def both_entitlements(member, day):
    return entitled_to_vote(member, day), sql_entitled(member, day).entitled_to_vote


NEW_YEAR = datetime.date(2027, 1, 1)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2026, 12, 31), False),  # votes on the 2025 fee: none
        (NEW_YEAR, False),  # the 2026 fee is not paid yet
        (datetime.date(2027, 3, 1), True),  # paid that day
        (datetime.date(2028, 1, 1), False),  # 2027's fee now counts
    ],
)
def test_entitlement_on_boundary_days(invoice, city, day, expected):
    payment_record(invoice=invoice, received_on=PAID_ON, amount=Decimal("3999.99"))
    # The last cent arrives on 1 March 2027 (written directly: a future day).
    invoice.payments.create(received_on=datetime.date(2027, 3, 1), amount="0.01")

    assert both_entitlements(city, day) == (expected, expected)


def test_entitled_when_paid_by_the_day_only(invoice, city):
    invoice.payments.create(received_on=datetime.date(2027, 3, 2), amount="4000")

    assert both_entitlements(city, datetime.date(2027, 3, 1)) == (False, False)
    assert both_entitlements(city, datetime.date(2027, 3, 2)) == (True, True)


def test_a_waiver_entitles_from_its_decision(city):
    FeeWaiver.objects.create(
        member=city,
        year=2026,
        reason="Earthquake",
        decided_on=datetime.date(2027, 2, 1),
    )

    assert both_entitlements(city, datetime.date(2027, 1, 31)) == (False, False)
    assert both_entitlements(city, datetime.date(2027, 2, 1)) == (True, True)
    assert "waived" in voting_right(city, datetime.date(2027, 2, 1)).reason


def test_a_cancelled_invoice_does_not_entitle(invoice, city):
    invoice_cancel(invoice=invoice, reason="Mistake", issued_on=DUE_ON)

    assert both_entitlements(city, NEW_YEAR) == (False, False)
    assert "cancelled" in voting_right(city, NEW_YEAR).reason


def test_the_reason_names_what_is_unpaid(invoice, city):
    payment_record(invoice=invoice, received_on=PAID_ON, amount=Decimal("1000"))

    right = voting_right(city, NEW_YEAR)

    assert right.fee_year == 2026
    assert "€3,000.00" in right.reason and invoice.number in right.reason


def test_new_years_eve_in_madrid_is_already_new_year(invoice, city):
    invoice.payments.create(received_on=datetime.date(2026, 12, 31), amount="4000")
    # 23:30 UTC on 31 December is 00:30 on 1 January in Madrid.
    moment = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)

    day = timezone.localdate(moment)

    assert day == NEW_YEAR
    assert both_entitlements(city, day) == (True, True)
    assert both_entitlements(city, datetime.date(2026, 12, 31)) == (False, False)
