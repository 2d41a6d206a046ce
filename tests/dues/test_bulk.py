"""The bulk generator's dues: invoices as the services would issue them,
payments that never overpay, numbered apart from the association's own
sequence, and removed with the rest of the bulk data."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F, Sum
from django.utils import timezone

from dues.models import Invoice, Payment
from tools.bulk import PREFIX
from tools.demo import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def tiny():
    out = StringIO()
    call_command("generate_bulk", "--scale", "tiny", stdout=out)
    return out.getvalue()


def bulk_invoices():
    return Invoice.objects.filter(number__startswith=PREFIX)


def test_bulk_members_are_invoiced_as_the_service_would(tiny):
    invoices = bulk_invoices().select_related("member", "cell")

    assert invoices.exists()
    assert "dues.Invoice" in tiny
    for invoice in invoices:
        member, cell = invoice.member, invoice.cell
        assert member.status == "active" and member.join_year <= invoice.year
        assert (cell.income_band, cell.is_capital, cell.membership_type) == (
            member.income_band,
            member.is_capital,
            member.membership_type,
        )
        assert invoice.amount == cell.amount
        assert cell.grid.first_year <= invoice.year <= cell.grid.last_year


def test_bulk_payments_never_overpay(tiny):
    over = (
        bulk_invoices()
        .annotate(paid=Sum("payments__amount"))
        .filter(paid__gt=F("amount"))
    )

    assert Payment.objects.exists()
    assert not over.exists()


def test_statuses_agree_in_python_and_sql(tiny):
    today = timezone.localdate()
    rows = bulk_invoices().with_status(today).prefetch_related("payments")

    assert {row.status for row in rows} >= {"paid", "partly_paid"}
    assert all(row.status == row.status_on(today) for row in rows)


def test_the_demo_numbers_its_invoices_from_one_after_bulk_data(tiny):
    load_demo()

    year = timezone.localdate().year
    assert Invoice.objects.filter(number=f"{year}-0001").exists()


def test_removing_bulk_data_removes_its_dues(tiny):
    call_command("generate_bulk", "--remove", stdout=StringIO())

    assert not bulk_invoices().exists()
    assert not Payment.objects.exists()
