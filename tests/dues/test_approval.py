"""Only a grid the General Assembly approved is invoiced: issuing for a year
whose grid awaits approval is refused, naming the year, on every path (the
service, the command, the admin, the API), nothing written."""

import datetime
import importlib
from http import HTTPStatus
from io import StringIO

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.test import APIClient

from dues.models import FeeGrid, Invoice, InvoiceCounter
from dues.services import grid_for_year, invoice_issue, invoices_issue
from tests.admin_utils import admin_url
from tests.dues.test_admin import grid_post
from tests.dues.test_api import grid_body
from tests.dues.utils import make_city, make_grid

pytestmark = pytest.mark.django_db
NOT_APPROVED = "The fee grid for 2027 is not approved yet."


@pytest.fixture
def pending():
    """The 2026–2028 grid, awaiting the General Assembly's approval."""
    return make_grid(approved_on=None)


@pytest.fixture
def staff(editor):
    client = APIClient()
    client.force_login(editor)
    return client


def assert_nothing_written():
    assert not Invoice.objects.exists()
    assert not InvoiceCounter.objects.exists()


def test_an_unapproved_grid_is_not_in_force(pending):
    assert not FeeGrid.objects.approved().exists()
    with pytest.raises(ValidationError) as error:
        grid_for_year(2027)

    assert error.value.message_dict["year"] == [NOT_APPROVED]


def test_issuing_the_years_invoices_is_refused(pending, city):
    with pytest.raises(ValidationError) as error:
        invoices_issue(year=2027)

    assert error.value.message_dict["year"] == [NOT_APPROVED]
    assert_nothing_written()


def test_issuing_one_invoice_is_refused(pending, city):
    with pytest.raises(ValidationError) as error:
        invoice_issue(member=city, year=2027)

    assert error.value.message_dict["year"] == [NOT_APPROVED]
    assert_nothing_written()


def test_once_approved_the_grid_is_invoiced(pending, city):
    pending.approved_on = datetime.date(2026, 6, 10)
    pending.save()

    assert invoice_issue(member=city, year=2027).cell.grid == pending


def test_the_command_refuses(pending, city):
    with pytest.raises(CommandError, match=NOT_APPROVED):
        call_command("issue_invoices", "--year", "2027", stdout=StringIO())
    assert_nothing_written()


def test_the_admin_refuses_with_a_form_error(editor_client, pending, city):
    response = editor_client.post(reverse("admin:dues_invoice_issue"), {"year": 2027})

    assert NOT_APPROVED in str(response.context["form"].errors["year"])
    assert_nothing_written()


def test_the_api_refuses_with_a_400_naming_the_year(staff, pending):
    make_city(slug="montevideo")

    response = staff.post(
        reverse("api:invoice-list"), {"member": "montevideo", "year": 2027}
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["errors"]["year"] == [NOT_APPROVED]
    assert_nothing_written()


def test_a_grid_is_created_unapproved_unless_told(staff):
    url = reverse("api:feegrid-list")
    response = staff.post(url, grid_body(), format="json")

    assert response.status_code == HTTPStatus.CREATED, response.content
    assert response.json()["approved_on"] is None
    assert FeeGrid.objects.get().approved_on is None


def test_the_api_creates_a_grid_approved_before_the_app(staff):
    body = grid_body() | {"approved_on": "2028-06-01"}

    response = staff.post(reverse("api:feegrid-list"), body, format="json")

    assert response.status_code == HTTPStatus.CREATED, response.content
    assert response.json()["approved_on"] == "2028-06-01"
    assert FeeGrid.objects.get().approved_on == datetime.date(2028, 6, 1)


def test_the_api_refuses_a_bad_approval_date(staff):
    body = grid_body() | {"approved_on": "June"}

    response = staff.post(reverse("api:feegrid-list"), body, format="json")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "approved_on" in response.json()["errors"]
    assert not FeeGrid.objects.exists()


def test_the_admin_sets_the_approval_of_a_grid_approved_before_the_app(
    editor_client,
):
    response = editor_client.post(
        admin_url("dues.feegrid", "add"), grid_post(approved_on="2028-06-01")
    )

    assert response.status_code == HTTPStatus.FOUND
    assert FeeGrid.objects.get().approved_on == datetime.date(2028, 6, 1)


def test_the_admin_list_shows_the_approval(editor_client, grid):
    response = editor_client.get(admin_url("dues.feegrid", "changelist"))

    assert response.status_code == HTTPStatus.OK
    assert "column-approved_on" in response.content.decode()


def test_the_migration_approves_the_grids_in_use():
    grid = make_grid(approved_on=None)
    migration = importlib.import_module("dues.migrations.0003_feegrid_approved_on")

    migration.approve_existing(apps, None)

    grid.refresh_from_db()
    assert grid.approved_on == datetime.date(2025, 12, 31)
