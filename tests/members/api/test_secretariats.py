"""The members API: regional secretariats."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse

from members.models import RegionalSecretariat
from tests import factories
from tests.members.api.utils import TODAY, days, list_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariats(guangzhou, berlin, asia_pacific, europe):
    zhan = factories.PersonFactory(name="Zhan Decun", organisation=guangzhou)
    return {
        "current": factories.RegionalSecretariatFactory(
            region=asia_pacific,
            member=guangzhou,
            secretary=zhan,
            start_date=TODAY() - days(100),
            end_date=TODAY() + days(900),
        ),
        "past": factories.RegionalSecretariatFactory(
            region=europe,
            member=berlin,
            start_date=datetime.date(2018, 1, 1),
            end_date=datetime.date(2020, 12, 31),
        ),
    }


def secretariat_members(response) -> list[str]:
    assert response.status_code == HTTPStatus.OK, response.content
    return [row["member"]["name"] for row in response.json()["results"]]


def test_a_secretariat_shows_its_region_member_and_secretary(api, secretariats):
    term = secretariats["current"]

    body = api.get(reverse("api:regionalsecretariat-detail", args=[term.pk])).json()

    assert body["region"]["name"] == "Asia-Pacific"
    assert body["member"]["name"] == "Guangzhou"
    assert body["secretary"]["name"] == "Zhan Decun"
    assert body["is_current"] is True


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"region": "europe"}, ["Berlin"]),
        ({"member": "guangzhou"}, ["Guangzhou"]),
        ({"current_on": "2019-05-01"}, ["Berlin"]),
        ({"current": "true"}, ["Guangzhou"]),
        ({"current": "false"}, ["Berlin"]),
    ],
)
def test_secretariats_filter(api, secretariats, query, expected):
    response = api.get(list_url("regionalsecretariat"), query)

    assert secretariat_members(response) == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"region": "atlantis"}, "region"),
        ({"member": "atlantis"}, "member"),
        ({"current_on": "2019-02-30"}, "current_on"),
    ],
)
def test_a_bad_secretariat_filter_value_is_400_with_the_reason(
    api, secretariats, query, field
):
    response = api.get(list_url("regionalsecretariat"), query)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == [field]


def test_secretariats_search_by_secretary(api, secretariats):
    response = api.get(list_url("regionalsecretariat"), {"search": "zhan"})

    assert secretariat_members(response) == ["Guangzhou"]


def test_secretariats_ordering(api, secretariats):
    response = api.get(list_url("regionalsecretariat"), {"ordering": "start_date"})

    assert secretariat_members(response) == ["Berlin", "Guangzhou"]


def test_overlapping_secretariats_of_one_region_are_refused(writer, secretariats):
    response = writer.post(
        list_url("regionalsecretariat"),
        {
            "region_slug": "asia-pacific",
            "member_slug": "berlin",
            "start_date": str(TODAY()),
            "end_date": str(TODAY() + days(3 * 365)),
        },
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == ["start_date"]
    assert RegionalSecretariat.objects.count() == 2


def test_a_secretariat_cannot_end_before_it_starts(writer, secretariats):
    response = writer.post(
        list_url("regionalsecretariat"),
        {
            "region_slug": "europe",
            "member_slug": "berlin",
            "start_date": "2024-01-01",
            "end_date": "2023-12-31",
        },
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == ["end_date"]
    assert RegionalSecretariat.objects.count() == 2


def test_a_writer_appoints_a_secretariat(writer, secretariats):
    response = writer.post(
        list_url("regionalsecretariat"),
        {
            "region_slug": "europe",
            "member_slug": "berlin",
            "start_date": "2021-01-01",
            "end_date": "2023-12-31",
        },
    )

    assert response.status_code == HTTPStatus.CREATED
    assert response.json()["secretary"] is None
    assert RegionalSecretariat.objects.filter(region__slug="europe").count() == 2
