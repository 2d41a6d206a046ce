"""The members API: people."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from tests import factories
from tests.members.api.utils import list_url, names

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(guangzhou):
    return {
        "octavi": factories.PersonFactory(
            name="Octavi de la Varga",
            position_title="Secretary General",
            organisation=None,
            is_public=True,
        ),
        "zhan": factories.PersonFactory(
            name="Zhan Decun",
            position_title="Regional Secretary",
            organisation=guangzhou,
            is_public=False,
            phone="+86 20 0000 0000",
        ),
    }


def test_visitors_see_public_people_only(api, people):
    assert names(api.get(list_url("person"))) == ["Octavi de la Varga"]


def test_a_person_of_the_secretariat_general(api, people):
    octavi = people["octavi"]

    body = api.get(reverse("api:person-detail", args=[octavi.pk])).json()

    assert body["organisation"] is None
    assert body["organisation_name"] == "Secretariat General"
    assert body["email"] == octavi.email


def test_a_hidden_person_is_404_for_visitors(api, people):
    response = api.get(reverse("api:person-detail", args=[people["zhan"].pk]))

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_the_liaison_sees_its_citys_contact_details(liaison_api, people):
    body = liaison_api.get(
        reverse("api:person-detail", args=[people["zhan"].pk])
    ).json()

    assert body["organisation"]["name"] == "Guangzhou"
    assert body["phone"] == "+86 20 0000 0000"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"organisation": "guangzhou"}, ["Zhan Decun"]),
        ({"secretariat_general": "true"}, ["Octavi de la Varga"]),
        ({"is_public": "false"}, ["Zhan Decun"]),
        ({"search": "regional"}, ["Zhan Decun"]),
        ({"ordering": "-name"}, ["Zhan Decun", "Octavi de la Varga"]),
    ],
)
def test_people_filter_search_and_order(writer, people, query, expected):
    assert names(writer.get(list_url("person"), query)) == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"organisation": "atlantis"}, "organisation"),
        ({"is_public": "sometimes"}, "is_public"),
    ],
)
def test_a_bad_people_filter_value_is_400(api, people, query, field):
    response = api.get(list_url("person"), query)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == [field]


def test_a_person_needs_a_valid_email(writer):
    response = writer.post(list_url("person"), {"name": "X", "email": "nope"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == ["email"]
