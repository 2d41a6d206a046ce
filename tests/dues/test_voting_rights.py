"""The right to vote of many members at once (voting_rights) equals the
per-city answer (voting_right) and its SQL twin (with_entitlement), reason
included, on every case of test_status.py; its queries do not grow with the
members."""

import datetime
from decimal import Decimal

import pytest

from dues.models import FeeWaiver
from dues.services import invoice_cancel, payment_record
from dues.standing import voting_right, voting_rights, with_entitlement
from members.models import MemberCity
from tests.dues.utils import DUE_ON, make_city, make_invoice

pytestmark = pytest.mark.django_db
PAID_ON = datetime.date(2026, 2, 10)

# Every boundary day of test_status.py's right-to-vote tests.
DAYS = [
    datetime.date(2026, 12, 31),
    datetime.date(2027, 1, 1),
    datetime.date(2027, 1, 31),
    datetime.date(2027, 2, 1),
    datetime.date(2027, 3, 1),
    datetime.date(2027, 3, 2),
    datetime.date(2028, 1, 1),
]


def city(name):
    return make_city(name=name, slug=name.lower())


@pytest.fixture
def cities(grid):
    """One member city per case of test_status.py, all in one batch."""
    cents = city("Cents")  # the last cent arrives on 1 March 2027
    invoice = make_invoice(cents)
    payment_record(invoice=invoice, received_on=PAID_ON, amount=Decimal("3999.99"))
    invoice.payments.create(received_on=datetime.date(2027, 3, 1), amount="0.01")

    late = city("Late")  # paid in full on 2 March 2027
    make_invoice(late).payments.create(
        received_on=datetime.date(2027, 3, 2), amount="4000"
    )

    waived = city("Waived")  # waived on 1 February 2027, never paid
    make_invoice(waived)
    FeeWaiver.objects.create(
        member=waived, year=2026, reason="Flood", decided_on=datetime.date(2027, 2, 1)
    )

    cancelled = city("Cancelled")
    invoice_cancel(invoice=make_invoice(cancelled), reason="Mistake", issued_on=DUE_ON)

    partly = city("Partly")  # 3000.00 EUR unpaid
    payment_record(
        invoice=make_invoice(partly), received_on=PAID_ON, amount=Decimal("1000")
    )

    eve = city("Eve")  # paid on New Year's Eve
    make_invoice(eve).payments.create(
        received_on=datetime.date(2026, 12, 31), amount="4000"
    )

    uninvoiced = city("Uninvoiced")
    return [cents, late, waived, cancelled, partly, eve, uninvoiced]


@pytest.mark.parametrize("day", DAYS)
def test_the_batch_equals_the_per_city_answer_and_sql(cities, day):
    batch = voting_rights(cities, day)
    sql = dict(
        with_entitlement(MemberCity.objects.all(), day).values_list(
            "pk", "entitled_to_vote"
        )
    )

    for member in cities:
        assert batch[member.pk] == voting_right(member, day), member.name
        assert batch[member.pk].entitled == sql[member.pk], member.name


def test_the_batch_gives_each_city_its_own_reason(cities):
    cents, late, waived, cancelled, partly, eve, uninvoiced = cities

    rights = voting_rights(
        MemberCity.objects.order_by("name"), datetime.date(2027, 3, 1)
    )

    assert rights[cents.pk].entitled and "paid in full" in rights[cents.pk].reason
    assert not rights[late.pk].entitled and "unpaid" in rights[late.pk].reason
    assert "waived" in rights[waived.pk].reason
    assert "cancelled" in rights[cancelled.pk].reason
    assert "€3,000.00" in rights[partly.pk].reason
    assert rights[eve.pk].entitled
    assert "No fee was invoiced for 2026" in rights[uninvoiced.pk].reason


@pytest.mark.parametrize("size", [3, 30])
def test_the_batch_reads_the_same_queries_for_3_or_30_cities(
    grid, size, django_assert_max_num_queries
):
    for number in range(size):
        member = city(f"City{number}")
        invoice = make_invoice(member)
        payment_record(invoice=invoice, received_on=PAID_ON, amount=Decimal("10"))
    members = list(MemberCity.objects.all())

    with django_assert_max_num_queries(3):
        rights = voting_rights(members, datetime.date(2027, 1, 1))

    assert len(rights) == size
    assert not any(right.entitled for right in rights.values())
