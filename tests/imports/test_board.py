import datetime
from http import HTTPStatus

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from members.models import BoardMandate
from tests import factories
from tests.imports.utils import confirm, import_types, invalid_rows, preview

pytestmark = pytest.mark.django_db

KINDS = ["csv", "xlsx"]


def mandate(city, office, start, end=""):
    return {"city": city, "office": office, "start_date": start, "end_date": end}


@pytest.fixture
def cities(member, other_member):
    """Guangzhou and Dakar."""
    return member, other_member


@pytest.mark.parametrize("kind", KINDS)
def test_import_creates_mandates_after_the_preview(admin_client, cities, kind):
    rows = [
        mandate("guangzhou", "president", "2024-01-01"),
        mandate("dakar", "treasurer", "2022-01-01", "2025-12-31"),
    ]

    response = preview(admin_client, "boardmandate", rows, kind)
    assert import_types(response) == ["new", "new"]
    assert not BoardMandate.objects.exists()
    confirm(admin_client, "boardmandate", response)

    treasurer = BoardMandate.objects.get(role="treasurer")
    assert treasurer.member.slug == "dakar"
    assert treasurer.end_date == datetime.date(2025, 12, 31)
    assert BoardMandate.objects.get(role="president").member.slug == "guangzhou"


@pytest.mark.parametrize("kind", KINDS)
def test_reimport_updates_the_mandate_of_that_city_office_and_start(
    admin_client, member, editor, kind
):
    factories.BoardMandateFactory(
        member=member, role="president", start_date=datetime.date(2024, 1, 1)
    )
    rows = [mandate("guangzhou", "president", "2024-01-01", "2026-06-30")]

    response = preview(admin_client, "boardmandate", rows, kind)
    assert import_types(response) == ["update"]
    confirm(admin_client, "boardmandate", response)

    saved = BoardMandate.objects.get()
    assert saved.end_date == datetime.date(2026, 6, 30)
    assert saved.history.latest().history_user == editor


def test_the_one_president_rule_applies_to_the_import(admin_client, cities):
    factories.BoardMandateFactory(
        member=cities[0], role="president", start_date=datetime.date(2020, 1, 1)
    )
    rows = [
        mandate("dakar", "treasurer", "2024-01-01"),
        mandate("dakar", "acting_president", "2024-01-01"),
    ]

    response = preview(admin_client, "boardmandate", rows)

    errors = invalid_rows(response)
    assert list(errors) == [2]
    assert "at most one President" in errors[2]["start_date"][0]
    assert BoardMandate.objects.count() == 1


def test_two_presidents_in_one_file_clash(admin_client, cities):
    rows = [
        mandate("guangzhou", "president", "2024-01-01"),
        mandate("dakar", "president", "2025-01-01"),
    ]

    response = preview(admin_client, "boardmandate", rows)

    assert "Guangzhou" in invalid_rows(response)[2]["start_date"][0]
    assert not BoardMandate.objects.exists()


def test_an_unknown_city_and_office_are_their_columns_errors(admin_client, cities):
    rows = [
        mandate("guangzhou", "treasurer", "2024-01-01"),
        mandate("guangzhou", "emperor", "2024-01-01"),
        mandate("atlantis", "treasurer", "2024-01-01", "not a date"),
    ]

    errors = invalid_rows(preview(admin_client, "boardmandate", rows))

    assert list(errors) == [2, 3]
    assert "emperor" in errors[2]["office"][0]
    assert "“atlantis”" in errors[3]["city"][0]
    assert not BoardMandate.objects.exists()


def test_a_file_invalid_by_the_confirmation_writes_nothing(admin_client, cities):
    """A President named between the preview and the confirmation: the whole
    file is refused, the first row included."""
    rows = [
        mandate("dakar", "treasurer", "2024-01-01"),
        mandate("dakar", "president", "2024-01-01"),
    ]
    response = preview(admin_client, "boardmandate", rows)
    factories.BoardMandateFactory(
        member=cities[0], role="president", start_date=datetime.date(2023, 1, 1)
    )

    response = confirm(admin_client, "boardmandate", response)

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("admin:members_boardmandate_import")
    assert BoardMandate.objects.count() == 1
    (message,) = get_messages(response.wsgi_request)
    assert "Nothing was imported" in str(message) and "2" in str(message)
