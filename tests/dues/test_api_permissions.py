"""Every persona × every dues endpoint. Dues are confidential: the secretariat
and write keys read and write; a liaison reads its own city's invoices,
payments and standing, and the fee grids; read keys and visitors see nothing
(empty lists, 404 for objects, never 403 on a read). Invoices are never
changed or deleted (405 for those who could write)."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse

from dues.models import CELL_KEYS, CreditNote, FeeGrid, Invoice, Payment
from tests.api_utils import (
    EDITOR,
    OTHER_LIAISON,
    OWN_LIAISON,
    PERSONAS,
)
from tests.dues.utils import make_grid, make_invoice

pytestmark = pytest.mark.django_db

OWN, OTHER = OWN_LIAISON, OTHER_LIAISON
OK, CREATED, NOT_FOUND = HTTPStatus.OK, HTTPStatus.CREATED, HTTPStatus.NOT_FOUND
UNAUTHORIZED, FORBIDDEN = HTTPStatus.UNAUTHORIZED, HTTPStatus.FORBIDDEN
NOT_ALLOWED = HTTPStatus.METHOD_NOT_ALLOWED
SEEN, EMPTY, MISSING = "seen", "empty", "missing"  # what a list shows

#                 anonymous     read_key   write_key  own     other      editor
WRITES = (UNAUTHORIZED, FORBIDDEN, CREATED, FORBIDDEN, FORBIDDEN, CREATED)
CHANGES = (UNAUTHORIZED, FORBIDDEN, NOT_ALLOWED, FORBIDDEN, FORBIDDEN, NOT_ALLOWED)
EXPECTED = {
    "invoice": {
        "list": (EMPTY, EMPTY, SEEN, SEEN, MISSING, SEEN),
        "retrieve": (NOT_FOUND, NOT_FOUND, OK, OK, NOT_FOUND, OK),
    },
    "payment": {
        "list": (EMPTY, EMPTY, SEEN, SEEN, MISSING, SEEN),
        "retrieve": (NOT_FOUND, NOT_FOUND, OK, OK, NOT_FOUND, OK),
    },
    "feegrid": {
        "list": (EMPTY, EMPTY, SEEN, SEEN, SEEN, SEEN),
        "retrieve": (NOT_FOUND, NOT_FOUND, OK, OK, OK, OK),
    },
}


@pytest.fixture
def objects(member, liaison, other_liaison):
    grid = make_grid()
    member.income_band = "high"
    member.save()
    invoice = make_invoice(member)
    payment = invoice.payments.create(
        received_on=datetime.date(2026, 2, 1), amount="10.00"
    )
    return {"feegrid": grid, "invoice": invoice, "payment": payment}


def detail(name, obj):
    key = obj.number if name == "invoice" else obj.pk
    return reverse(f"api:{name}-detail", args=[key])


def cases(action):
    for name in EXPECTED:
        for index, persona in enumerate(PERSONAS):
            yield pytest.param(
                name, persona, EXPECTED[name][action][index], id=f"{name}-{persona}"
            )


@pytest.mark.parametrize(("name", "persona", "expected"), list(cases("list")))
def test_list(api_as, objects, name, persona, expected):
    response = api_as(persona).get(reverse(f"api:{name}-list"))

    assert response.status_code == OK
    ids = [row["id"] for row in response.json()["results"]]
    if expected == SEEN:
        assert objects[name].pk in ids
    elif expected == EMPTY:
        assert ids == []
    else:
        assert objects[name].pk not in ids


@pytest.mark.parametrize(("name", "persona", "expected"), list(cases("retrieve")))
def test_retrieve(api_as, objects, name, persona, expected):
    response = api_as(persona).get(detail(name, objects[name]))

    assert response.status_code == expected
    if expected == OK:
        assert response.json()["id"] == objects[name].pk


def create_body(name, objects, member):
    if name == "invoice":
        return {"member": member.slug, "year": 2027}
    if name == "payment":
        return {"invoice": objects["invoice"].number, "received_on": "2026-02-02"} | {
            "amount": "5.00"
        }
    cells = [
        {"income_band": b, "is_capital": c, "membership_type": t, "amount": "9.00"}
        for b, c, t in CELL_KEYS
    ]
    return {"first_year": 2029, "last_year": 2031, "cells": cells}


MODELS = {"invoice": Invoice, "payment": Payment, "feegrid": FeeGrid}


@pytest.mark.parametrize("name", list(EXPECTED))
@pytest.mark.parametrize("persona", PERSONAS)
def test_create(api_as, objects, member, name, persona):
    count = MODELS[name].objects.count()

    response = api_as(persona).post(
        reverse(f"api:{name}-list"), create_body(name, objects, member), format="json"
    )

    expected = WRITES[PERSONAS.index(persona)]
    assert response.status_code == expected, response.content
    assert MODELS[name].objects.count() == count + (expected == CREATED)


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
@pytest.mark.parametrize("name", list(EXPECTED))
@pytest.mark.parametrize("persona", PERSONAS)
def test_never_changed_or_deleted(api_as, objects, member, name, persona, method):
    count = MODELS[name].objects.count()

    response = getattr(api_as(persona), method)(
        detail(name, objects[name]), {"note": "x", "amount": "1.00"}, format="json"
    )

    assert response.status_code == CHANGES[PERSONAS.index(persona)]
    assert MODELS[name].objects.count() == count


@pytest.mark.parametrize("persona", PERSONAS)
def test_cancel(api_as, objects, persona):
    objects["invoice"].payments.all().delete()
    url = reverse("api:invoice-cancel", args=[objects["invoice"].number])

    response = api_as(persona).post(url, {"reason": "Mistake"})

    expected = WRITES[PERSONAS.index(persona)]
    assert response.status_code == expected
    assert CreditNote.objects.exists() == (expected == CREATED)


STANDING = (NOT_FOUND, NOT_FOUND, OK, OK, NOT_FOUND, OK)


@pytest.mark.parametrize("persona", PERSONAS)
def test_standing(api_as, objects, member, persona):
    url = reverse("api:membercity-standing", args=[member.slug])

    response = api_as(persona).get(url)

    assert response.status_code == STANDING[PERSONAS.index(persona)]
    if response.status_code == OK:
        assert response.json()["amount_due"] == "4000.00"  # 4010.00 less 10.00


def test_standing_of_no_member_is_404(api_as):
    url = reverse("api:membercity-standing", args=["nowhere"])

    assert api_as(EDITOR).get(url).status_code == NOT_FOUND
