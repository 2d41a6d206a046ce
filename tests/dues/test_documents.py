"""The invoice as a printable page and as a PDF: who may see it, what it says."""

import datetime
import io
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.urls import reverse
from pypdf import PdfReader

from dues.models import TerritoryDiscount
from dues.services import payment_record
from tests import factories
from tests.dues.utils import make_invoice

pytestmark = pytest.mark.django_db


@pytest.fixture
def invoice(grid, member):
    member.income_band = "low"
    member.save()
    TerritoryDiscount.objects.create(member=member, percent=10, reason="Shared")
    invoice = make_invoice(member)  # 1010.00 less 10 %: 909.00
    payment_record(
        invoice=invoice,
        received_on=datetime.date(2026, 2, 1),
        amount=Decimal("400.00"),
        reference="TRF-77",
    )
    return invoice


def urls(invoice):
    kwargs = {"number": invoice.number}
    return reverse("dues:invoice-detail", kwargs=kwargs), reverse(
        "dues:invoice-pdf", kwargs=kwargs
    )


def test_the_printable_page_shows_the_whole_invoice(client, liaison, invoice):
    client.force_login(liaison)

    response = client.get(invoice.get_absolute_url())

    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    for text in (
        "Invoice 2026-0001",
        "Avinyó, 15",
        "Guangzhou",
        "Fee grid 2026–2028: Low income, not capital, Joint with UCLG",
        "1,010.00",
        "Territory discount (10 %)",
        "−101.00",
        "909.00",
        "TRF-77",
        "509.00",
        "css/invoice.css",
    ):
        assert text in page, text


def test_the_pdf_opens_with_the_number_in_its_text(client, editor, invoice):
    client.force_login(editor)

    response = client.get(urls(invoice)[1])

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/pdf"
    assert "invoice-2026-0001.pdf" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "2026-0001" in text
    assert "509.00" in text


@pytest.mark.parametrize("which", [0, 1])
def test_another_citys_liaison_gets_404(client, other_liaison, invoice, which):
    client.force_login(other_liaison)

    assert client.get(urls(invoice)[which]).status_code == HTTPStatus.NOT_FOUND


def test_a_visitor_is_sent_to_log_in(client, invoice):
    response = client.get(urls(invoice)[0])

    assert response.status_code == HTTPStatus.FOUND
    assert reverse("login") in response["Location"]


def test_a_logged_in_non_liaison_gets_404(client, invoice):
    client.force_login(factories.UserFactory())

    assert client.get(urls(invoice)[0]).status_code == HTTPStatus.NOT_FOUND


def test_the_page_costs_the_same_whatever_the_payments(
    client, editor, invoice, django_assert_max_num_queries
):
    client.force_login(editor)
    for _ in range(5):
        invoice.payments.create(received_on=datetime.date(2026, 2, 2), amount="1.00")

    with django_assert_max_num_queries(8):
        client.get(invoice.get_absolute_url())
