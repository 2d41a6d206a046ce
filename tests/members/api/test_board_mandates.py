"""The members API: board mandates."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse

from members.models import BoardMandate
from tests import factories
from tests.members.api.utils import TODAY, days, list_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(guangzhou, berlin):
    """Guangzhou: board member 1996–2013, Co-President 2014–2019, President now;
    Berlin: Treasurer since 2020."""
    start = TODAY() - days(400)
    return [
        factories.BoardMandateFactory(
            member=guangzhou,
            role="board_member",
            start_date=datetime.date(1996, 1, 1),
            end_date=datetime.date(2013, 12, 31),
        ),
        factories.BoardMandateFactory(
            member=guangzhou,
            role="co_president",
            start_date=datetime.date(2014, 1, 1),
            end_date=start - days(1),
        ),
        factories.BoardMandateFactory(
            member=guangzhou, role="president", start_date=start
        ),
        factories.BoardMandateFactory(
            member=berlin, role="treasurer", start_date=datetime.date(2020, 1, 1)
        ),
    ]


def roles(response) -> list[str]:
    assert response.status_code == HTTPStatus.OK, response.content
    return [row["role"] for row in response.json()["results"]]


def test_a_mandate_shows_its_member_and_whether_it_is_current(api, board):
    president = board[2]

    body = api.get(reverse("api:boardmandate-detail", args=[president.pk])).json()

    assert body["role"] == "president"
    assert body["is_current"] is True
    assert body["end_date"] is None
    assert body["member"]["name"] == "Guangzhou"
    assert body["member"]["url"] == "http://testserver/api/v1/members/guangzhou/"


def test_past_holders_stay_on_the_board_history(api, board):
    assert roles(api.get(list_url("boardmandate"), {"member": "guangzhou"})) == [
        "president",
        "co_president",
        "board_member",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"role": "treasurer"}, ["treasurer"]),
        ({"current": "true"}, ["president", "treasurer"]),
        ({"current": "false"}, ["co_president", "board_member"]),
        ({"current_on": "2000-06-01"}, ["board_member"]),
        ({"current_on": "2014-01-01"}, ["co_president"]),
        ({"member": "berlin"}, ["treasurer"]),
        ({"member": "guangzhou", "role": "board_member"}, ["board_member"]),
    ],
)
def test_mandates_filter(api, board, query, expected):
    assert sorted(roles(api.get(list_url("boardmandate"), query))) == sorted(expected)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"role": "emperor"}, "role"),
        ({"member": "atlantis"}, "member"),
        ({"current_on": "2024-13-01"}, "current_on"),
        ({"current_on": "yesterday"}, "current_on"),
        ({"current": "sometimes"}, "current"),
    ],
)
def test_a_bad_mandate_filter_value_is_400_with_the_reason(api, board, query, field):
    response = api.get(list_url("boardmandate"), query)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == [field]


def test_mandates_search_by_member_name(api, board):
    assert roles(api.get(list_url("boardmandate"), {"search": "berl"})) == ["treasurer"]


def test_mandates_ordering(api, board):
    response = api.get(list_url("boardmandate"), {"ordering": "start_date"})

    assert roles(response)[0] == "board_member"


def test_a_writer_adds_a_mandate(writer, board, berlin):
    response = writer.post(
        list_url("boardmandate"),
        {"member_slug": "berlin", "role": "vice_president", "start_date": "2024-01-01"},
    )

    assert response.status_code == HTTPStatus.CREATED
    assert response.json()["member"]["name"] == "Berlin"
    assert berlin.mandates.filter(role="vice_president").exists()


def test_a_second_president_on_the_same_days_is_refused(writer, board):
    response = writer.post(
        list_url("boardmandate"),
        {"member_slug": "berlin", "role": "president", "start_date": str(TODAY())},
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    errors = response.json()["errors"]
    assert list(errors) == ["start_date"]
    assert "Guangzhou" in errors["start_date"][0]
    assert BoardMandate.objects.filter(role="president").count() == 1


def test_a_mandate_cannot_become_a_second_president(writer, board):
    treasurer = board[3]

    response = writer.patch(
        reverse("api:boardmandate-detail", args=[treasurer.pk]),
        {"role": "president"},
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == ["start_date"]
    treasurer.refresh_from_db()
    assert treasurer.role == "treasurer"


def test_a_past_mandate_may_become_a_presidency_on_free_days(writer, board):
    past_co_president = board[1]

    response = writer.patch(
        reverse("api:boardmandate-detail", args=[past_co_president.pk]),
        {"role": "president"},
    )

    assert response.status_code == HTTPStatus.OK
    assert response.json()["is_current"] is False


def test_a_mandate_cannot_end_before_it_starts(writer, board):
    response = writer.post(
        list_url("boardmandate"),
        {
            "member_slug": "berlin",
            "role": "board_member",
            "start_date": "2024-06-01",
            "end_date": "2024-05-31",
        },
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == ["end_date"]
    assert BoardMandate.objects.count() == 4


def test_a_mandate_needs_a_known_role(writer, board):
    response = writer.post(
        list_url("boardmandate"),
        {"member_slug": "berlin", "role": "emperor", "start_date": "2024-06-01"},
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == ["role"]
