"""The invoices' totals are kept between views (core.counts) and are never
stale: a payment written around the services or a new day shows at the next
view (a payment through the admin and a credit note: tests/dues/test_admin.py)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dues.models import Payment
from dues.services import payment_record
from tests.admin_utils import admin_url
from tests.day_utils import on_day
from tests.dues.utils import make_city, make_invoice

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def today(monkeypatch):
    """Madrid's day is TODAY until the test moves it on."""
    on_day(monkeypatch, TODAY)


@pytest.fixture
def invoice(grid):
    return make_invoice(make_city(name="Tomorrow", income_band="low"))  # 1000.00


def totals(client) -> dict:
    response = client.get(admin_url("dues.invoice", "changelist"))
    return response.context["totals"]


def test_a_payment_received_tomorrow_counts_from_tomorrow(
    editor_client, invoice, today, monkeypatch
):
    # The service refuses a date to come; a bank file imported as it stands
    # may hold one.
    invoice.payments.create(
        received_on=TODAY + datetime.timedelta(days=1), amount=Decimal("400")
    )
    assert totals(editor_client)["paid"] == Decimal("0.00")

    on_day(monkeypatch, TODAY + datetime.timedelta(days=1))

    assert totals(editor_client)["paid"] == Decimal("400.00")
    assert totals(editor_client)["outstanding"] == Decimal("600.00")


def test_a_payment_written_around_the_services_still_shows(
    editor_client, invoice, today
):
    payment_record(invoice=invoice, received_on=TODAY, amount=Decimal("400"))
    assert totals(editor_client)["paid"] == Decimal("400.00")

    Payment.objects.filter(invoice=invoice).update(amount=Decimal("250"))

    assert totals(editor_client)["paid"] == Decimal("250.00")


def test_a_second_view_sums_nothing_again(editor_client, invoice, today):
    first = totals(editor_client)

    with CaptureQueriesContext(connection) as queries:
        again = totals(editor_client)

    assert (
        again
        == first
        == {
            "expected": Decimal("1000.00"),
            "invoiced": Decimal("1000.00"),
            "paid": Decimal("0.00"),
            "outstanding": Decimal("1000.00"),
        }
    )
    sums = [q for q in queries if q["sql"].startswith("SELECT COALESCE(SUM(")]
    assert not sums
