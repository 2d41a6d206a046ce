"""The members' pages: the directory."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse

from members.models import MemberCity
from tests import factories
from tests.members.views.utils import LIST_SIZES, Role, names

pytestmark = pytest.mark.django_db


def test_directory_lists_active_members_only(client):
    factories.MemberCityFactory(name="Barcelona")
    factories.MemberCityFactory(name="Atlantis", status=MemberCity.Status.WITHDRAWN)

    response = client.get(reverse("members:member-list"))

    assert response.status_code == HTTPStatus.OK
    assert names(response) == ["Barcelona"]
    assert "Atlantis" not in response.content.decode()


def test_directory_filters_by_region(client):
    africa = factories.RegionFactory(name="Africa", slug="africa")
    factories.MemberCityFactory(name="Dakar", region=africa)
    factories.MemberCityFactory(name="Berlin")

    response = client.get(reverse("members:member-list"), {"region": "africa"})

    assert names(response) == ["Dakar"]


def test_directory_filters_megacities(client):
    factories.MemberCityFactory(name="Guangzhou", population=22_000_000)
    factories.MemberCityFactory(name="Dakar", population=3_000_000)

    response = client.get(reverse("members:member-list"), {"megacity": "true"})

    assert names(response) == ["Guangzhou"]


def test_directory_filters_by_current_board_role(client):
    president = factories.BoardMandateFactory(role=Role.PRESIDENT).member
    factories.BoardMandateFactory(
        role=Role.PRESIDENT,
        start_date=datetime.date(2016, 1, 1),
        end_date=datetime.date(2019, 12, 31),
    )
    factories.MemberCityFactory()

    response = client.get(reverse("members:member-list"), {"board_role": "president"})

    assert names(response) == [president.name]


def test_directory_searches_names(client):
    factories.MemberCityFactory(name="Mexico City")
    factories.MemberCityFactory(name="Montevideo")

    response = client.get(reverse("members:member-list"), {"search": "mexico"})

    assert names(response) == ["Mexico City"]


def test_directory_sorts_by_population(client):
    factories.MemberCityFactory(name="Small", population=1_000_000)
    factories.MemberCityFactory(name="Large", population=9_000_000)

    response = client.get(reverse("members:member-list"), {"ordering": "-population"})

    assert names(response) == ["Large", "Small"]


def test_directory_paginates(client):
    factories.MemberCityFactory.create_batch(25)

    response = client.get(reverse("members:member-list"), {"page": 2})

    assert len(response.context["object_list"]) == 1
    assert "Page 2 of 2" in response.content.decode()


def test_directory_page_links_keep_the_filters(client):
    europe = factories.RegionFactory(slug="europe")
    factories.MemberCityFactory.create_batch(25, region=europe)

    response = client.get(reverse("members:member-list"), {"region": "europe"})

    assert 'href="?region=europe&amp;page=2" rel="next"' in response.content.decode()


def test_directory_shows_an_unknown_region_as_a_form_error(client):
    factories.MemberCityFactory()

    response = client.get(reverse("members:member-list"), {"region": "atlantis"})

    assert response.status_code == HTTPStatus.OK
    assert names(response) == []
    assert response.context["filter"].errors["region"]


def test_directory_form_fields_are_labelled(client):
    response = client.get(reverse("members:member-list"))

    html = response.content.decode()
    for field in ("region", "country", "category", "is_megacity", "current_roles"):
        assert f'<label for="id_{field}">' in html


@pytest.mark.parametrize("size", LIST_SIZES)
def test_directory_costs_the_same_queries_whatever_its_size(
    client, django_assert_num_queries, size
):
    for member in factories.MemberCityFactory.create_batch(size):
        factories.BoardMandateFactory(member=member)

    # Members with today's roles, the tables' versions and the members'
    # count, the regions and the countries of the filter form; then the
    # count from the cache (core.counts), while nothing changed.
    with django_assert_num_queries(5):
        client.get(reverse("members:member-list"))
    with django_assert_num_queries(4):
        client.get(reverse("members:member-list"))


def test_directory_offers_the_countries_of_its_members(client):
    factories.MemberCityFactory(country="SN")
    factories.MemberCityFactory(country="CN")
    factories.MemberCityFactory(country="FR", status="withdrawn")

    choices = client.get(reverse("members:member-list")).context["filter"].form
    codes = [code for code, _name in choices.fields["country"].choices]

    assert codes == ["", "CN", "SN"]  # "Any", then by name: China, Senegal


def test_directory_takes_a_country_without_members(client):
    factories.MemberCityFactory(country="SN")

    response = client.get(reverse("members:member-list"), {"country": "BR"})

    assert response.status_code == 200
    assert response.context["filter"].is_valid()
    assert list(response.context["object_list"]) == []
