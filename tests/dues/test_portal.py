"""The city's dues in the liaison portal, per persona; the right to vote and
why not; nothing of another city."""

import datetime
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.urls import reverse

from dues.models import FeeWaiver
from dues.services import payment_record
from tests import factories
from tests.dues.utils import make_city, make_grid, make_invoice

pytestmark = pytest.mark.django_db
URL = "portal:dues"


@pytest.fixture
def invoices(grid, member):
    """2026: 4010.00, 1000.00 paid; another city's invoice beside it."""
    member.income_band = "high"
    member.save()
    invoice = make_invoice(member)
    payment_record(
        invoice=invoice, received_on=datetime.date(2026, 2, 1), amount=Decimal(1000)
    )
    other = make_invoice(make_city(name="Elsewhere", slug="elsewhere"))
    return invoice, other


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", HTTPStatus.FOUND),
        ("plain_user", HTTPStatus.FORBIDDEN),
        ("editor", HTTPStatus.FORBIDDEN),
        ("liaison", HTTPStatus.OK),
        ("other_liaison", HTTPStatus.OK),
    ],
)
def test_who_opens_the_page(client, request, invoices, persona, expected):
    if persona == "plain_user":
        client.force_login(factories.UserFactory())
    elif persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))

    response = client.get(reverse(URL))

    assert response.status_code == expected
    if persona == "other_liaison":
        page = response.content.decode()
        assert invoices[0].number not in page and invoices[1].number not in page
        assert "no invoice yet" in page


def test_the_liaison_sees_its_invoices_standing_and_vote(client, liaison, invoices):
    client.force_login(liaison)

    page = client.get(reverse(URL)).content.decode()

    invoice, other = invoices
    assert invoice.number in page and other.number not in page
    assert "In arrears: €3,010.00 is due, and overdue." in page
    assert reverse("dues:invoice-pdf", kwargs={"number": invoice.number}) in page
    assert "may not vote at a General Assembly held today" in page


def test_the_vote_on_another_day_and_why(client, liaison, invoices, member):
    client.force_login(liaison)
    FeeWaiver.objects.create(
        member=member, year=2026, reason="Flood", decided_on=datetime.date(2026, 6, 1)
    )

    page = client.get(reverse(URL), {"day": "2027-03-01"}).content.decode()

    assert "may vote at a General Assembly held on" in page
    assert "The Board waived the 2026 fee" in page


def test_a_bad_day_is_a_form_error(client, liaison, invoices):
    client.force_login(liaison)

    response = client.get(reverse(URL), {"day": "2027-02-30"})

    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["day"]
    assert "held today" in response.content.decode()


def test_an_up_to_date_city_sees_when_the_next_fee_is_due(client, liaison, member):
    make_grid()
    member.income_band = "low"
    member.save()
    make_invoice(
        member,
        issued_on=datetime.date.today(),
        due_on=datetime.date.today() + datetime.timedelta(days=30),
    )
    client.force_login(liaison)

    page = client.get(reverse(URL)).content.decode()

    assert "Up to date. €1,010.00 is due by" in page


def test_the_page_costs_the_same_whatever_the_invoices(
    client, liaison, member, grid, django_assert_max_num_queries
):
    member.income_band = "low"
    member.save()
    for year in (2026, 2027, 2028):
        invoice = make_invoice(member, year=year)
        invoice.payments.create(received_on=invoice.issued_on, amount="1.00")
    client.force_login(liaison)

    with django_assert_max_num_queries(10):
        response = client.get(reverse(URL))

    assert response.content.decode().count("Download 20") == 3
