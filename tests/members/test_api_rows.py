"""The member list and a member's page are built from `.values()` rows by
members.api.rows.member_rows(): for every persona, exactly what the general
serializer (MemberCitySerializer) gives for the same cities, and the ETag of
that representation."""

import datetime
import json
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.urls import reverse
from rest_framework.utils.encoders import JSONEncoder

from core.api.conditional import representation_etag
from members.models import BoardMandate
from tests import factories

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "read_key", "write_key", "liaison", "other_liaison", "editor"]


def as_json(data):
    return json.loads(json.dumps(data, cls=JSONEncoder))


@pytest.fixture
def cities(member, other_member):
    """Several rows that differ in every way the representation can."""
    south = factories.RegionFactory(code="S", name="South", slug="south")
    member.is_capital = True
    member.population = 18_000_000  # a megacity
    member.grp_amount = Decimal("1234.5")
    member.grp_currency = "USD"
    member.grp_year = 2022
    member.status_changed_on = datetime.date(2024, 3, 1)
    member.website = "https://example.org/gz"
    member.save()
    factories.BoardMandateFactory(member=member, role=BoardMandate.Role.TREASURER)
    factories.BoardMandateFactory(member=member, role=BoardMandate.Role.PRESIDENT)
    factories.BoardMandateFactory(
        member=other_member,
        role=BoardMandate.Role.PRESIDENT,
        start_date=datetime.date(2010, 1, 1),
        end_date=datetime.date(2012, 1, 1),  # a past role: not today's
    )
    factories.MemberCityFactory(
        region=south, population=None, population_year=None, status="suspended"
    )
    factories.MemberCityFactory(region=south, country="BR", income_band="")
    factories.MemberCityFactory(region=other_member.region, population=12_000_000)


@pytest.mark.parametrize("persona", PERSONAS)
def test_member_list_rows_equal_the_serializer(client_as, cities, persona):
    response = client_as(persona).get(
        reverse("api:membercity-list"), {"page_size": 100, "ordering": "-population"}
    )

    assert response.status_code == HTTPStatus.OK
    view = response.renderer_context["view"]
    shown = view.filter_queryset(view.get_queryset())
    expected = as_json(view.get_serializer(shown, many=True).data)
    rows = response.json()["results"]
    assert len(rows) == 5
    assert rows == expected
    assert [list(row) for row in rows] == [list(row) for row in expected]
    assert any(row["current_roles"] == ["president", "treasurer"] for row in rows)
    assert any(row["grp_amount"] == "1234.50" for row in rows)


@pytest.mark.parametrize("persona", PERSONAS)
def test_member_detail_equals_the_serializer_and_its_etag(client_as, cities, persona):
    client = client_as(persona)
    response = client.get(reverse("api:membercity-detail", args=["guangzhou"]))

    assert response.status_code == HTTPStatus.OK
    view = response.renderer_context["view"]
    city = view.get_queryset().get(slug="guangzhou")
    expected = as_json(view.get_serializer(city).data)
    assert response.json() == expected
    assert response["ETag"] == representation_etag(view.etag_scope(), expected)
    again = client.get(
        reverse("api:membercity-detail", args=["guangzhou"]),
        headers={"If-None-Match": response["ETag"]},
    )
    assert again.status_code == HTTPStatus.NOT_MODIFIED


def test_member_list_rows_follow_a_format_suffix(api, cities):
    response = api.get("/api/v1/members.json", {"page_size": 100})

    assert response.status_code == HTTPStatus.OK
    view = response.renderer_context["view"]
    shown = view.filter_queryset(view.get_queryset())
    expected = as_json(view.get_serializer(shown, many=True).data)
    assert response.json()["results"] == expected
    assert response.json()["results"][0]["url"].endswith(".json")


def test_an_unknown_member_is_a_404(api, cities):
    response = api.get(reverse("api:membercity-detail", args=["nowhere"]))

    assert response.status_code == HTTPStatus.NOT_FOUND
