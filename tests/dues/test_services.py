"""Issuing invoices, recording payments, cancelling: the services every entry
point uses."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from dues.models import CreditNote, FeeWaiver, Invoice, InvoiceCounter, Payment
from dues.services import (
    invoice_cancel,
    invoice_issue,
    invoices_issue,
    payment_record,
    payment_record_full,
)
from members.models import MemberCity
from tests import factories
from tests.dues.utils import ISSUED_ON, make_city, make_grid, make_invoice

pytestmark = pytest.mark.django_db
Status = MemberCity.Status


@pytest.fixture
def cities(grid):
    return {
        "active": make_city(name="Active"),
        "joined": make_city(name="Joined 2026", join_year=2026),
        "suspended": make_city(name="Suspended", status=Status.SUSPENDED),
        "withdrawn": make_city(name="Withdrawn", status=Status.WITHDRAWN),
        "waived": make_city(name="Waived"),
        "no band": make_city(name="No band", income_band=""),
    }


def test_issue_gives_active_members_one_invoice_each(cities, editor):
    FeeWaiver.objects.create(
        member=cities["waived"], year=2026, reason="Earthquake", decided_on=ISSUED_ON
    )

    report = invoices_issue(year=2026, by=editor, issued_on=ISSUED_ON)

    assert [i.member.name for i in report.issued] == ["Active", "Joined 2026"]
    assert [m.name for m in report.waived] == ["Waived"]
    assert [m.name for m, _ in report.skipped] == ["No band"]
    invoice = Invoice.objects.get(member=cities["active"])
    assert invoice.number == "2026-0001"
    assert invoice.due_on == datetime.date(2026, 2, 14)
    assert invoice.issued_by == editor
    assert invoice.history.latest().history_user == editor


def test_members_joining_during_the_year_are_invoiced_from_that_year(cities):
    make_grid(2023, 2025)
    earlier = invoices_issue(year=2025, issued_on=datetime.date(2025, 1, 10))

    report = invoices_issue(year=2026, issued_on=ISSUED_ON)

    assert {i.member.name for i in earlier.issued} == {"Active", "Waived"}
    assert {i.member.name for i in report.issued} == {"Active", "Joined 2026", "Waived"}


def test_issuing_twice_issues_nothing_more(cities):
    invoices_issue(year=2026, issued_on=ISSUED_ON)

    report = invoices_issue(year=2026, issued_on=ISSUED_ON)

    assert report.issued == []
    assert report.already_invoiced == 3
    assert Invoice.objects.count() == 3
    assert InvoiceCounter.objects.get(kind="invoice").last_number == 3


def test_numbers_are_sequential_per_year(grid):
    members = [make_city(name=f"City {n}") for n in range(3)]
    numbers = [make_invoice(m, 2026).number for m in members]
    numbers += [make_invoice(m, 2027).number for m in members[:2]]

    assert numbers == [
        "2026-0001",
        "2026-0002",
        "2026-0003",
        "2027-0001",
        "2027-0002",
    ]


def test_a_refused_invoice_uses_no_number(grid, city):
    make_invoice(city)
    with pytest.raises(ValidationError):
        make_invoice(city)

    assert make_invoice(make_city(name="Next")).number == "2026-0002"


def test_a_year_without_a_grid_is_refused_and_nothing_written(grid, city):
    with pytest.raises(ValidationError) as error:
        invoices_issue(year=2031)

    assert "No fee grid covers 2031" in error.value.message_dict["year"][0]
    assert not Invoice.objects.exists()
    assert not InvoiceCounter.objects.exists()


def test_a_grid_missing_a_cell_is_refused(grid, city):
    grid.cells.filter(income_band="high").delete()

    with pytest.raises(ValidationError) as error:
        invoice_issue(member=city, year=2026)

    assert "has no amount for" in error.value.message_dict["year"][0]
    assert not Invoice.objects.exists()


@pytest.mark.parametrize(
    ("values", "field"),
    [({"status": Status.SUSPENDED}, "member"), ({"join_year": 2026}, "year")],
)
def test_one_invoice_is_refused_for_members_not_due(values, field):
    make_grid(2023, 2025)
    with pytest.raises(ValidationError) as error:
        invoice_issue(member=make_city(**values), year=2025)

    assert field in error.value.message_dict


def test_an_invoice_is_never_deleted(grid, city):
    invoice = make_invoice(city)

    with pytest.raises(ValidationError):
        invoice.delete()

    assert Invoice.objects.filter(pk=invoice.pk).exists()


# Payments ---------------------------------------------------------------------


@pytest.fixture
def invoice(grid, city):
    return make_invoice(city)  # 4000.00, due on 14 February 2026


def pay(invoice, amount, day=datetime.date(2026, 2, 1), **kwargs):
    return payment_record(
        invoice=invoice, received_on=day, amount=Decimal(amount), **kwargs
    )


def test_partial_payments_add_up(invoice):
    pay(invoice, "1500.50")
    pay(invoice, "2499.50")

    day = datetime.date(2026, 2, 1)
    assert invoice.paid_on(day) == Decimal("4000.00")
    assert invoice.status_on(day) == Invoice.Status.PAID


def test_overpayment_is_refused_with_what_remains(invoice):
    pay(invoice, "3000")

    with pytest.raises(ValidationError) as error:
        pay(invoice, "1000.01")

    message = error.value.message_dict["amount"][0]
    assert "€1,000.00 still due" in message
    assert Payment.objects.count() == 1


@pytest.mark.parametrize("amount", ["0", "-1.00", "10.005"])
def test_a_payment_is_a_positive_amount_in_cents(invoice, amount):
    with pytest.raises(ValidationError) as error:
        pay(invoice, amount)

    assert "amount" in error.value.message_dict
    assert not Payment.objects.exists()


def test_a_float_is_no_amount(invoice):
    with pytest.raises(ValidationError) as error:
        payment_record(
            invoice=invoice, received_on=datetime.date(2026, 2, 1), amount=10.5
        )

    assert "amount" in error.value.message_dict


@pytest.mark.parametrize("day", [datetime.date(2026, 1, 14), datetime.date(2099, 1, 1)])
def test_a_payment_is_received_between_issue_and_today(invoice, day):
    with pytest.raises(ValidationError) as error:
        pay(invoice, "10", day=day)

    assert "received_on" in error.value.message_dict


def test_a_full_payment_pays_what_remains(invoice, editor):
    pay(invoice, "100")

    payment = payment_record_full(
        invoice=invoice, received_on=datetime.date(2026, 2, 2), by=editor
    )

    assert payment.amount == Decimal("3900.00")
    assert payment.recorded_by == editor
    assert payment_record_full(invoice=invoice, received_on=ISSUED_ON) is None


# Cancellation -----------------------------------------------------------------


def test_cancelling_makes_a_credit_note_and_keeps_the_invoice(invoice, editor):
    note = invoice_cancel(
        invoice=invoice,
        reason="Wrong band",
        by=editor,
        issued_on=datetime.date(2026, 3, 1),
    )

    assert note.number == "C2026-0001"
    assert Invoice.objects.filter(pk=invoice.pk).exists()
    invoice.refresh_from_db()
    assert invoice.status_on(datetime.date(2026, 3, 1)) == Invoice.Status.CANCELLED
    assert invoice.status_on(datetime.date(2026, 2, 28)) == Invoice.Status.OVERDUE


def test_a_cancelled_invoice_takes_no_payment(invoice):
    invoice_cancel(invoice=invoice, reason="Waived", issued_on=ISSUED_ON)

    with pytest.raises(ValidationError) as error:
        pay(invoice, "10")

    assert "invoice" in error.value.message_dict


@pytest.mark.parametrize("twice", [True, False])
def test_cancel_refused_when_cancelled_or_paid(invoice, twice):
    if twice:
        invoice_cancel(invoice=invoice, reason="Once", issued_on=ISSUED_ON)
    else:
        pay(invoice, "10")

    with pytest.raises(ValidationError) as error:
        invoice_cancel(invoice=invoice, reason="Again", issued_on=ISSUED_ON)

    assert "invoice" in error.value.message_dict
    assert CreditNote.objects.count() == (1 if twice else 0)


def test_history_names_who_recorded_a_payment(invoice):
    editor = factories.EditorFactory()

    payment = pay(invoice, "10", by=editor)

    assert payment.history.latest().history_user == editor
