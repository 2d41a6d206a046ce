"""The finance officer's admin: grids as a matrix, invoices with filters,
totals, payments inline, issue, full payment, cancel and CSV; the member's
page shows its standing."""

import datetime
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.urls import reverse

from dues.models import (
    CELL_KEYS,
    FeeGrid,
    FeeWaiver,
    Invoice,
    Payment,
    TerritoryDiscount,
)
from dues.services import invoice_cancel, payment_record
from tests.admin_utils import admin_url
from tests.dues.utils import make_city, make_grid, make_invoice

pytestmark = pytest.mark.django_db
PAID_ON = datetime.date(2026, 2, 1)


@pytest.fixture
def invoices(grid):
    """Paid, partly paid, and unpaid (overdue today), in two regions."""
    paid = make_invoice(make_city(name="Paid", income_band="low"))  # 1000.00
    partly = make_invoice(make_city(name="Partly"))  # 4000.00
    unpaid = make_invoice(make_city(name="Unpaid", region=partly.member.region))
    payment_record(invoice=paid, received_on=PAID_ON, amount=Decimal("1000"))
    payment_record(invoice=partly, received_on=PAID_ON, amount=Decimal("1500.25"))
    return {"paid": paid, "partly": partly, "unpaid": unpaid}


def grid_post(**changes):
    data = {
        "first_year": 2029,
        "last_year": 2031,
        "note": "",
        "cells-TOTAL_FORMS": len(CELL_KEYS),
        "cells-INITIAL_FORMS": 0,
        "cells-MIN_NUM_FORMS": 0,
        "cells-MAX_NUM_FORMS": 1000,
    }
    for i, (band, capital, kind) in enumerate(CELL_KEYS):
        data |= {
            f"cells-{i}-income_band": band,
            f"cells-{i}-membership_type": kind,
            f"cells-{i}-amount": "1500.00",
        }
        if capital:
            data[f"cells-{i}-is_capital"] = "on"
    return data | changes


def test_a_new_grid_lays_out_every_cell(editor_client):
    response = editor_client.get(admin_url("dues.feegrid", "add"))

    assert response.status_code == HTTPStatus.OK
    formset = response.context["inline_admin_formsets"][0].formset
    assert len(formset.forms) == 16
    assert formset.forms[15].initial["membership_type"] == CELL_KEYS[15][2]


def test_editor_adds_a_complete_grid(editor_client):
    response = editor_client.post(admin_url("dues.feegrid", "add"), grid_post())

    assert response.status_code == HTTPStatus.FOUND
    assert FeeGrid.objects.get().cells.count() == 16


def test_a_grid_missing_a_cell_is_a_form_error(editor_client):
    response = editor_client.post(
        admin_url("dues.feegrid", "add"), grid_post(**{"cells-15-amount": ""})
    )

    assert response.status_code == HTTPStatus.OK
    formset = response.context["inline_admin_formsets"][0].formset
    assert "16 cells, 15 given" in str(formset.non_form_errors())
    assert not FeeGrid.objects.exists()


@pytest.mark.parametrize("amount", ["-10", "10.005", "0"])
def test_a_bad_cell_amount_is_a_form_error(editor_client, amount):
    response = editor_client.post(
        admin_url("dues.feegrid", "add"), grid_post(**{"cells-3-amount": amount})
    )

    assert response.context["inline_admin_formsets"][0].formset.forms[3].errors
    assert not FeeGrid.objects.exists()


def test_the_grid_page_shows_the_matrix(editor_client, grid):
    response = editor_client.get(admin_url("dues.feegrid", "change", grid.pk))

    page = response.content.decode()
    assert 'class="fee-grid-matrix"' in page
    assert '<td class="amount">4110.00</td>' in page  # high, capital, joint


def changelist(client, **params):
    return client.get(admin_url("dues.invoice", "changelist"), params)


def shown(response) -> set[str]:
    return {invoice.number for invoice in response.context["cl"].result_list}


def test_totals_of_the_filtered_rows(editor_client, invoices):
    response = changelist(editor_client)

    assert response.context["totals"] == {
        "expected": Decimal("9000.00"),
        "invoiced": Decimal("9000.00"),
        "paid": Decimal("2500.25"),
        "outstanding": Decimal("6499.75"),
    }
    assert '<td class="outstanding">6,499.75</td>' in response.content.decode()


def test_a_payment_recorded_through_the_admin_shows_in_the_totals(
    editor_client, invoices
):
    changelist(editor_client)
    editor_client.post(
        admin_url("dues.invoice", "changelist"),
        {"action": "record_full_payment", "_selected_action": [invoices["partly"].pk]},
    )

    response = changelist(editor_client)

    assert response.context["totals"]["paid"] == Decimal("5000.00")
    assert response.context["totals"]["outstanding"] == Decimal("4000.00")


def test_an_invoice_cancelled_through_the_service_leaves_the_totals(
    editor_client, editor, invoices
):
    changelist(editor_client)
    invoice_cancel(invoice=invoices["unpaid"], reason="Joined by mistake", by=editor)

    response = changelist(editor_client)

    assert response.context["totals"]["invoiced"] == Decimal("5000.00")
    assert response.context["totals"]["outstanding"] == Decimal("2499.75")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "paid"}, {"paid"}),
        ({"status": "overdue"}, {"partly", "unpaid"}),
        ({"overdue": "no"}, {"paid"}),
        ({"year": "2026"}, {"paid", "partly", "unpaid"}),
        ({"year": "2027"}, set()),
        ({"cell__income_band": "low"}, {"paid"}),
    ],
)
def test_filters(editor_client, invoices, params, expected):
    response = changelist(editor_client, **params)

    assert shown(response) == {invoices[name].number for name in expected}


def test_the_year_filter_lists_every_year_from_the_latest_invoice_to_the_first(
    editor_client, invoices
):
    later = make_invoice(invoices["paid"].member, year=2028)

    response = changelist(editor_client, year="2028")

    [years] = [
        spec
        for spec in response.context["cl"].filter_specs
        if spec.expected_parameters() == ["year"]
    ]
    choices = [choice["display"] for choice in years.choices(response.context["cl"])]
    assert choices == ["All", "2028", "2027", "2026"]
    assert shown(response) == {later.number}


def test_region_filter(editor_client, invoices):
    region = invoices["partly"].member.region

    response = changelist(editor_client, member__region__id__exact=region.pk)

    assert shown(response) == {invoices["partly"].number, invoices["unpaid"].number}


def test_the_list_costs_the_same_whatever_its_length(
    editor_client, invoices, django_assert_max_num_queries
):
    for n in range(10):
        make_invoice(make_city(name=f"More {n}"))

    with django_assert_max_num_queries(12):
        changelist(editor_client)


def test_an_invoice_cannot_be_deleted_or_added(editor_client, invoices):
    invoice = invoices["paid"]

    response = editor_client.post(admin_url("dues.invoice", "delete", invoice.pk))

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert editor_client.get(admin_url("dues.invoice", "add")).status_code == 403
    assert Invoice.objects.filter(pk=invoice.pk).exists()


def test_issue_the_years_invoices(editor_client, grid, editor):
    make_city(name="New")

    response = editor_client.post(reverse("admin:dues_invoice_issue"), {"year": 2027})

    assert response.status_code == HTTPStatus.FOUND
    assert Invoice.objects.get().issued_by == editor


def test_issue_for_a_year_without_a_grid_names_the_year(editor_client, grid):
    make_city(name="New")

    response = editor_client.post(reverse("admin:dues_invoice_issue"), {"year": 2031})

    assert "No fee grid covers 2031" in str(response.context["form"].errors["year"])
    assert not Invoice.objects.exists()


def test_record_a_full_payment(editor_client, invoices):
    partly = invoices["partly"]

    editor_client.post(
        admin_url("dues.invoice", "changelist"),
        {"action": "record_full_payment", "_selected_action": [partly.pk]},
    )

    assert partly.payments.last().amount == Decimal("2499.75")


def test_export_csv(editor_client, invoices):
    response = editor_client.post(
        admin_url("dues.invoice", "changelist"),
        {"action": "export_as_csv", "_selected_action": [invoices["partly"].pk]},
    )

    rows = response.content.decode().splitlines()
    assert rows[0].startswith("Number,Member city,Year,Amount (EUR)")
    assert "Overdue,1500.25,2499.75" in rows[1]


def payment_inline(invoice, amount):
    return {
        "payments-TOTAL_FORMS": 1,
        "payments-INITIAL_FORMS": 0,
        "payments-MIN_NUM_FORMS": 0,
        "payments-MAX_NUM_FORMS": 1000,
        "payments-0-received_on": "2026-02-10",
        "payments-0-amount": amount,
        "payments-0-method": "transfer",
        "payments-0-reference": "REF",
    }


def test_a_payment_inline_goes_through_the_service(editor_client, invoices, editor):
    partly = invoices["partly"]
    url = admin_url("dues.invoice", "change", partly.pk)

    response = editor_client.post(url, payment_inline(partly, "100.00"))

    assert response.status_code == HTTPStatus.FOUND
    assert partly.payments.last().recorded_by == editor


@pytest.mark.parametrize("amount", ["2499.76", "-1", "1.005"])
def test_a_bad_payment_inline_is_a_form_error(editor_client, invoices, amount):
    partly = invoices["partly"]
    url = admin_url("dues.invoice", "change", partly.pk)

    response = editor_client.post(url, payment_inline(partly, amount))

    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.forms[0].errors["amount"]
    assert Payment.objects.filter(invoice=partly).count() == 1


def test_cancel_with_a_credit_note(editor_client, invoices):
    unpaid = invoices["unpaid"]
    url = reverse("admin:dues_invoice_cancel", args=[unpaid.pk])

    response = editor_client.post(url, {"reason": "Joined by mistake"})

    assert response.status_code == HTTPStatus.FOUND
    assert unpaid.credit_note.reason == "Joined by mistake"


def test_cancel_refused_for_a_paid_invoice(editor_client, invoices):
    url = reverse("admin:dues_invoice_cancel", args=[invoices["paid"].pk])

    response = editor_client.post(url, {"reason": "No"})

    assert "has payments" in str(response.context["form"].non_field_errors())


def test_the_member_page_shows_standing_and_invoices(editor_client, invoices):
    member = invoices["partly"].member

    response = editor_client.get(admin_url("members.membercity", "change", member.pk))

    page = response.content.decode()
    assert "In arrears: €2,499.75 due." in page
    assert invoices["partly"].number in page


@pytest.mark.parametrize("persona", ["liaison", "anonymous"])
def test_only_staff_reach_the_dues_admin(client, liaison, invoices, persona):
    if persona == "liaison":
        client.force_login(liaison)

    for url in (
        admin_url("dues.invoice", "changelist"),
        reverse("admin:dues_invoice_issue"),
        admin_url("dues.feegrid", "changelist"),
    ):
        response = client.get(url)
        assert response.status_code == HTTPStatus.FOUND
        assert reverse("admin:login") in response["Location"]


@pytest.mark.parametrize(
    "label",
    [
        "dues.feegrid",
        "dues.payment",
        "dues.creditnote",
        "dues.feewaiver",
        "dues.territorydiscount",
    ],
)
def test_every_dues_changelist_costs_the_same_whatever_its_length(
    editor_client, grid, label, django_assert_max_num_queries
):
    for n in range(6):
        city = make_city(name=f"City {n}")
        invoice = make_invoice(city)
        if n % 2:
            payment_record(invoice=invoice, received_on=PAID_ON, amount=Decimal(1))
        else:
            invoice_cancel(invoice=invoice, reason="Mistake", issued_on=PAID_ON)
        FeeWaiver.objects.create(
            member=city, year=2027, reason="Flood", decided_on=PAID_ON
        )
        TerritoryDiscount.objects.create(member=city, percent=5, reason="Shared")
    make_grid(2029, 2031)
    make_grid(2032, 2034)

    with django_assert_max_num_queries(10):
        response = editor_client.get(admin_url(label, "changelist"))

    assert response.status_code == HTTPStatus.OK
    assert len(response.context["cl"].result_list) >= 3
