"""The dues API: what each resource answers, filters, writes through the
services, and bad input refused with a 400 naming the field, nothing written."""

import datetime
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from dues.models import CELL_KEYS, FeeGrid, Invoice, Payment
from dues.services import payment_record
from tests.dues.utils import make_city, make_invoice

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(editor):
    client = APIClient()
    client.force_login(editor)
    return client


@pytest.fixture
def invoices(grid):
    paid = make_invoice(make_city(name="Paid", slug="paid", income_band="low"))
    unpaid = make_invoice(make_city(name="Unpaid", slug="unpaid"))
    payment_record(
        invoice=paid, received_on=datetime.date(2026, 2, 1), amount=Decimal("1000")
    )
    return {"paid": paid, "unpaid": unpaid}


def test_an_invoice_as_the_api_shows_it(staff, invoices):
    url = reverse("api:invoice-detail", kwargs={"number": "2026-0002"})

    response = staff.get(url)

    assert response.status_code == HTTPStatus.OK
    assert response["ETag"]
    body = response.json()
    assert body["member"] == "unpaid"
    assert body["amount"] == "4000.00"
    assert body["status"] == "overdue"
    assert body["outstanding"] == "4000.00"
    assert body["cell"] == {
        "grid": "2026–2028",
        "income_band": "high",
        "is_capital": False,
        "membership_type": "exclusive",
        "amount": "4000.00",
    }
    assert body["pdf_url"].endswith("/dues/invoices/2026-0002/pdf/")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "paid"}, ["2026-0001"]),
        ({"overdue": "true"}, ["2026-0002"]),
        ({"member": "paid"}, ["2026-0001"]),
        ({"band": "high"}, ["2026-0002"]),
        ({"year": 2027}, []),
    ],
)
def test_invoice_filters(staff, invoices, params, expected):
    response = staff.get(reverse("api:invoice-list"), params)

    assert [row["number"] for row in response.json()["results"]] == expected


def test_lists_cost_the_same_whatever_their_length(
    staff, invoices, django_assert_max_num_queries
):
    for n in range(10):
        invoice = make_invoice(make_city(name=f"More {n}"))
        payment_record(
            invoice=invoice, received_on=datetime.date(2026, 2, 1), amount=Decimal(1)
        )
    for name in ("invoice", "payment", "feegrid"):
        with django_assert_max_num_queries(8):
            response = staff.get(reverse(f"api:{name}-list"))
        assert response.status_code == HTTPStatus.OK


def test_issue_an_invoice_through_the_api(staff, grid, editor):
    make_city(slug="montevideo")

    response = staff.post(
        reverse("api:invoice-list"), {"member": "montevideo", "year": 2027}
    )

    assert response.status_code == HTTPStatus.CREATED, response.content
    assert response.json()["number"] == "2027-0001"
    assert Invoice.objects.get().history.latest().history_user == editor


def test_an_invoice_for_a_year_without_a_grid_names_the_year(staff, grid):
    make_city(slug="montevideo")

    response = staff.post(
        reverse("api:invoice-list"), {"member": "montevideo", "year": 2031}
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "year" in response.json()["errors"]
    assert not Invoice.objects.exists()


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("100.50", HTTPStatus.CREATED),
        (100, HTTPStatus.CREATED),
        (1e3, HTTPStatus.BAD_REQUEST),
        (10.005, HTTPStatus.BAD_REQUEST),
        (10.5, HTTPStatus.BAD_REQUEST),
        ("10.005", HTTPStatus.BAD_REQUEST),
        ("-5.00", HTTPStatus.BAD_REQUEST),
        ("0", HTTPStatus.BAD_REQUEST),
        ("3000.01", HTTPStatus.BAD_REQUEST),  # more than is due
        (True, HTTPStatus.BAD_REQUEST),
    ],
)
def test_payment_amounts(staff, invoices, amount, expected):
    body = {"invoice": "2026-0002", "received_on": "2026-02-10", "amount": amount}
    if amount == "3000.01":
        body["amount"] = "4000.01"

    response = staff.post(reverse("api:payment-list"), body, format="json")

    assert response.status_code == expected, response.content
    count = Payment.objects.filter(invoice=invoices["unpaid"]).count()
    if expected == HTTPStatus.BAD_REQUEST:
        assert "amount" in response.json()["errors"]
        assert count == 0
    else:
        assert count == 1


def test_a_float_json_number_is_refused_from_the_raw_body(staff, invoices):
    body = '{"invoice": "2026-0002", "received_on": "2026-02-10", "amount": 1e3}'

    response = staff.generic(
        "POST", reverse("api:payment-list"), body, content_type="application/json"
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "amount" in response.json()["errors"]
    assert not Payment.objects.filter(invoice=invoices["unpaid"]).exists()


def test_a_payment_of_a_cancelled_invoice_names_the_invoice(staff, invoices):
    staff.post(
        reverse("api:invoice-cancel", kwargs={"number": "2026-0002"}),
        {"reason": "Mistake"},
    )

    response = staff.post(
        reverse("api:payment-list"),
        {"invoice": "2026-0002", "received_on": "2026-02-10", "amount": "1.00"},
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "invoice" in response.json()["errors"]


def test_cancel_through_the_api(staff, invoices):
    url = reverse("api:invoice-cancel", kwargs={"number": "2026-0002"})

    response = staff.post(url, {"reason": "Joined by mistake"})

    assert response.status_code == HTTPStatus.CREATED
    assert response.json()["status"] == "cancelled"
    assert response.json()["credit_note"].startswith("C")


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_an_invoice_is_never_changed_or_deleted(staff, invoices, method):
    url = reverse("api:invoice-detail", kwargs={"number": "2026-0001"})

    response = getattr(staff, method)(url, {"amount": "1.00"})

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert Invoice.objects.get(number="2026-0001").amount == Decimal("1000.00")


def grid_body(**cell_overrides):
    cells = [
        {"income_band": b, "is_capital": c, "membership_type": t, "amount": "2000.00"}
        for b, c, t in CELL_KEYS
    ]
    for index, values in cell_overrides.items():
        cells[int(index.removeprefix("cell"))].update(values)
    return {"first_year": 2029, "last_year": 2031, "cells": cells}


def test_create_a_grid(staff):
    response = staff.post(reverse("api:feegrid-list"), grid_body(), format="json")

    assert response.status_code == HTTPStatus.CREATED, response.content
    assert len(response.json()["cells"]) == 16


@pytest.mark.parametrize(
    "body",
    [
        {"first_year": 2029, "last_year": 2031, "cells": []},
        grid_body(cell3={"amount": "-1.00"}),
        grid_body(cell3={"amount": 1e3}),
        grid_body(cell3={"income_band": "low", "is_capital": False}),
    ],
    ids=["missing cells", "negative", "float", "twice"],
)
def test_a_bad_grid_names_the_cells(staff, body):
    response = staff.post(reverse("api:feegrid-list"), body, format="json")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "cells" in response.json()["errors"]
    assert not FeeGrid.objects.exists()


def test_standing(staff, invoices):
    url = reverse("api:membercity-standing", kwargs={"slug": "unpaid"})

    body = staff.get(url).json()

    assert body["amount_due"] == "4000.00"
    assert body["in_arrears"] is True
    assert body["entitled_to_vote"] is False
    assert body["fee_year"] == int(body["day"][:4]) - 1


def test_standing_answers_304_to_its_etag(staff, invoices):
    url = reverse("api:membercity-standing", kwargs={"slug": "unpaid"})
    etag = staff.get(url)["ETag"]

    response = staff.get(url, headers={"If-None-Match": etag})

    assert response.status_code == HTTPStatus.NOT_MODIFIED
