"""The members API: member cities' filters."""

import datetime
from http import HTTPStatus

import pytest

from members.models import BoardMandate
from tests import factories
from tests.members.api.utils import TODAY, days, list_url, names

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(guangzhou, berlin):
    """Guangzhou (President today, runs Asia-Pacific's secretariat) and Berlin."""
    factories.BoardMandateFactory(
        member=guangzhou, role=BoardMandate.Role.PRESIDENT, start_date=TODAY()
    )
    factories.BoardMandateFactory(
        member=berlin,
        role=BoardMandate.Role.TREASURER,
        start_date=datetime.date(2015, 1, 1),
        end_date=TODAY() - days(1),
    )
    factories.RegionalSecretariatFactory(
        member=guangzhou, start_date=TODAY() - days(10), end_date=None
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"region": "europe"}, ["Berlin"]),
        ({"country": "CN"}, ["Guangzhou"]),
        ({"category": "associate"}, ["Berlin"]),
        ({"status": "suspended"}, ["Berlin"]),
        ({"status": "active"}, ["Guangzhou"]),
        ({"join_year": 1993}, ["Guangzhou"]),
        ({"join_year_min": 1990}, ["Guangzhou"]),
        ({"join_year_max": 1990}, ["Berlin"]),
        ({"join_year_min": 1985, "join_year_max": 1993}, ["Berlin", "Guangzhou"]),
        ({"megacity": "true"}, ["Guangzhou"]),
        ({"megacity": "false"}, ["Berlin"]),
        ({"board_role": "president"}, ["Guangzhou"]),
        ({"board_role": "treasurer"}, []),
        ({"hosts_secretariat": "true"}, ["Guangzhou"]),
        ({"hosts_secretariat": "false"}, ["Berlin"]),
        ({"region": "europe", "megacity": "true"}, []),
    ],
)
def test_members_filter(api, directory, query, expected):
    assert names(api.get(list_url("membercity"), query)) == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"region": "atlantis"}, "region"),
        ({"country": "XX"}, "country"),
        ({"category": "honorary"}, "category"),
        ({"status": "sleeping"}, "status"),
        ({"join_year": "ninety"}, "join_year"),
        ({"join_year_min": "1990s"}, "join_year_min"),
        ({"join_year_max": "1993.5"}, "join_year_max"),
        ({"megacity": "maybe"}, "megacity"),
        ({"board_role": "king"}, "board_role"),
        ({"hosts_secretariat": "perhaps"}, "hosts_secretariat"),
    ],
)
def test_a_bad_member_filter_value_is_400_with_the_reason(api, directory, query, field):
    response = api.get(list_url("membercity"), query)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == [field]
    assert response.json()["errors"][field][0]


def test_members_search_by_name_and_summary(api, guangzhou, berlin):
    assert names(api.get(list_url("membercity"), {"search": "guang"})) == ["Guangzhou"]
    assert names(api.get(list_url("membercity"), {"search": "germany"})) == ["Berlin"]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("-join_year", ["Guangzhou", "Berlin"]),
        ("join_year", ["Berlin", "Guangzhou"]),
        ("-population", ["Guangzhou", "Berlin"]),
        ("country", ["Guangzhou", "Berlin"]),
        ("-name", ["Guangzhou", "Berlin"]),
    ],
)
def test_members_ordering(api, guangzhou, berlin, ordering, expected):
    assert names(api.get(list_url("membercity"), {"ordering": ordering})) == expected
