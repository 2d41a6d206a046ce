"""Pages, the invoice and its e-mail write dates, numbers and money as the
reader's language does (/fr/ and /es/ prefixes, the recipient's language)."""

import datetime
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from tests import factories
from tests.admin_utils import admin_url
from tests.dues.utils import make_grid, make_invoice

pytestmark = pytest.mark.django_db
NNBSP = "\N{NARROW NO-BREAK SPACE}"
NBSP = "\N{NO-BREAK SPACE}"


def get_page(client, language, name, **kwargs):
    with translation.override(language):
        url = reverse(name, kwargs=kwargs)
    return client.get(url).content.decode()


@pytest.fixture
def guangzhou():
    return factories.MemberCityFactory(
        slug="guangzhou",
        population=22_000_000,
        population_year=2021,
        grp_amount=Decimal("2360000000000.00"),
        grp_currency="CNY",
        grp_year=2019,
    )


@pytest.mark.parametrize(
    ("language", "population", "grp"),
    [
        ("en", "22,000,000 (2021)", "2.36 trillion CNY (2019)"),
        ("fr", f"22{NNBSP}000{NNBSP}000 (2021)", "2,36 billions de CNY (2019)"),
        ("es", "22.000.000 (2021)", "2,36 billones de CNY (2019)"),
    ],
)
def test_a_members_figures_read_in_the_pages_language(
    client, guangzhou, language, population, grp
):
    page = get_page(client, language, "members:member-detail", slug="guangzhou")

    assert population in page
    assert grp in page


@pytest.mark.parametrize(
    ("language", "day"),
    [("en", "May 7, 2026"), ("fr", "7 mai 2026"), ("es", "7 de mayo de 2026")],
)
def test_a_posts_date_reads_in_the_pages_language(client, language, day):
    published = datetime.datetime(2026, 5, 7, 10, tzinfo=datetime.UTC)
    post = factories.NewsPostFactory(published_at=published)

    page = get_page(client, language, "news:post-detail", slug=post.slug)

    assert day in page


@pytest.fixture
def invoice(member):
    """4,010.00 EUR for 2026, 1,000.00 paid: 3,010.00 overdue today."""
    member.income_band = "high"
    member.save()
    make_grid()
    invoice = make_invoice(member)
    invoice.payments.create(received_on=datetime.date(2026, 2, 1), amount=1000)
    return invoice


@pytest.mark.parametrize(
    ("language", "due", "cells"),
    [
        ("en", "€3,010.00", ["4,010.00", "1,000.00"]),
        ("fr", f"3{NNBSP}010,00{NBSP}€", [f"4{NNBSP}010,00", f"1{NNBSP}000,00"]),
        ("es", f"3.010,00{NBSP}€", ["4.010,00", "1.000,00"]),
    ],
)
def test_the_portals_dues_show_money_in_the_pages_language(
    client, liaison, invoice, language, due, cells
):
    client.force_login(liaison)

    page = get_page(client, language, "portal:dues")

    assert due in page
    for cell in cells:
        assert f"<td>{cell}</td>" in page


@pytest.mark.parametrize(
    ("language", "total", "due_on"),
    [
        ("en", "4,010.00", "Feb. 14, 2026"),
        ("fr", f"4{NNBSP}010,00", "14 février 2026"),
        ("es", "4.010,00", "14 de febrero de 2026"),
    ],
)
def test_the_invoice_sheet_reads_in_the_pages_language(
    client, liaison, invoice, language, total, due_on
):
    client.force_login(liaison)

    page = get_page(client, language, "dues:invoice-detail", number=invoice.number)

    assert f'<td class="amount">{total}</td>' in page
    assert due_on in page


@pytest.mark.parametrize(
    ("language", "amount"),
    [("en", "€4,010.00"), ("fr", f"4{NNBSP}010,00{NBSP}€"), ("es", f"4.010,00{NBSP}€")],
)
def test_the_invoice_e_mail_writes_the_amount_in_the_recipients_language(
    invoice, language, amount
):
    context = {"object": invoice, "site_url": "https://example.org"}
    with translation.override(language):
        text = render_to_string("notifications/email/invoice_issued.txt", context)

    assert f": {amount}," in text
    assert "EUR" not in text


def test_the_open_data_keeps_machine_numbers_in_any_language(client, guangzhou):
    with translation.override("fr"):
        url = reverse("publicdata:open-data-file", kwargs={"filename": "members.csv"})

    body = b"".join(client.get(url).streaming_content).decode()

    assert ",22000000,2021," in body and ",2360000000000,CNY,2019," in body


@pytest.mark.parametrize(
    ("language", "invoiced"),
    [("en", "4,010.00"), ("fr", f"4{NNBSP}010,00"), ("es", "4.010,00")],
)
def test_the_admins_invoice_totals_read_in_the_users_language(
    editor_client, invoice, language, invoiced
):
    response = editor_client.get(
        admin_url("dues.invoice", "changelist"), HTTP_ACCEPT_LANGUAGE=language
    )

    assert f'<td class="invoiced">{invoiced}</td>' in response.content.decode()
