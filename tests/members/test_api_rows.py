"""The member list and a member's page are built from `.values()` rows by
members.api.rows.member_rows(): for every persona, and whatever the filters,
order and page, the very bytes the general serializer (MemberCitySerializer)
gives for the same cities, and the ETag of that representation."""

import datetime
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import translation

from core.api.conditional import representation_etag
from core.images import StoredImage
from members.models import BoardMandate
from tests import factories

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "read_key", "write_key", "liaison", "other_liaison", "editor"]

# Query strings of the list, with the slice of its filtered cities they show.
QUERIES = [
    ({"page_size": 100}, slice(0, 100)),
    ({"page_size": 100, "ordering": "-population"}, slice(0, 100)),
    ({"page_size": 2, "page": 2, "ordering": "country,-join_year"}, slice(2, 4)),
    ({"region": "south", "ordering": "join_year"}, slice(0, 20)),
    ({"megacity": "true", "status": "active"}, slice(0, 20)),
    ({"search": "guangzhou"}, slice(0, 20)),
]


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
    member.summary = "Ciudad «sur» — 广州"
    member.latitude = Decimal("23.1291")
    member.longitude = Decimal("-113.2644")
    member.emblem = StoredImage("e" * 32, 320, 320)
    member.photo = StoredImage("f" * 32, 1280, 853)
    member.photo_alt = "The Canton Tower at night"
    member.photo_caption = "Photo: the city of Guangzhou"
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


def serializer_body(response, shown: slice) -> bytes:
    """The response's body as the general serializer gives it: the same
    envelope, the filtered cities of the page through MemberCitySerializer,
    rendered as the response was."""
    view = response.renderer_context["view"]
    cities = list(view.filter_queryset(view.get_queryset()))[shown]
    data = {**response.data, "results": view.get_serializer(cities, many=True).data}
    return response.accepted_renderer.render(
        data, response.accepted_media_type, response.renderer_context
    )


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("query", "shown"), QUERIES)
def test_member_list_rows_are_the_serializer_s_bytes(
    client_as, cities, persona, query, shown
):
    response = client_as(persona).get(reverse("api:membercity-list"), query)

    assert response.status_code == HTTPStatus.OK
    assert response.json()["results"]
    assert response.content == serializer_body(response, shown)


def test_member_list_rows_show_the_derived_facts(api, cities, member):
    response = api.get(reverse("api:membercity-list"))

    rows = response.json()["results"]
    guangzhou = next(row for row in rows if row["slug"] == "guangzhou")
    assert guangzhou["current_roles"] == ["president", "treasurer"]
    assert guangzhou["grp_amount"] == "1234.50"
    assert guangzhou["is_megacity"] is True
    assert guangzhou["country_name"] == "China"
    assert guangzhou["region"]["url"].endswith(
        reverse("api:region-detail", args=[member.region.slug])
    )
    assert (
        guangzhou["photo"]["url"]
        == f"http://testserver/media/images/{'f' * 32}-1280.jpg"
    )
    assert guangzhou["emblem_alt"] == "Emblem of Guangzhou"
    other = next(row for row in rows if row["slug"] != "guangzhou")
    assert (other["emblem"], other["photo"]) == (None, None)


def test_member_list_rows_name_countries_in_the_active_language(api, cities):
    api.get(reverse("api:membercity-list"))  # the English names, looked up first
    with translation.override("fr"):
        response = api.get(
            reverse("api:membercity-list"),
            {"search": "guangzhou"},
            HTTP_ACCEPT_LANGUAGE="fr",
        )

        assert response.json()["results"][0]["country_name"] == "Chine"
        assert response.content == serializer_body(response, slice(0, 20))


@pytest.mark.parametrize("persona", PERSONAS)
def test_member_detail_equals_the_serializer_and_its_etag(client_as, cities, persona):
    client = client_as(persona)
    response = client.get(reverse("api:membercity-detail", args=["guangzhou"]))

    assert response.status_code == HTTPStatus.OK
    view = response.renderer_context["view"]
    city = view.get_queryset().get(slug="guangzhou")
    expected = view.get_serializer(city).data
    assert response.content == response.accepted_renderer.render(
        expected, response.accepted_media_type, response.renderer_context
    )
    assert response["ETag"] == representation_etag(view.etag_scope(), expected)
    again = client.get(
        reverse("api:membercity-detail", args=["guangzhou"]),
        headers={"If-None-Match": response["ETag"]},
    )
    assert again.status_code == HTTPStatus.NOT_MODIFIED


def test_member_list_rows_follow_a_format_suffix(api, cities):
    response = api.get("/api/v1/members.json", {"page_size": 100})

    assert response.status_code == HTTPStatus.OK
    assert response.content == serializer_body(response, slice(0, 100))
    assert response.json()["results"][0]["url"].endswith(".json")


def test_an_unknown_member_is_a_404(api, cities):
    response = api.get(reverse("api:membercity-detail", args=["nowhere"]))

    assert response.status_code == HTTPStatus.NOT_FOUND
