"""The members' pages: regional secretariats."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse

from tests import factories
from tests.members.views.utils import LIST_SIZES

pytestmark = pytest.mark.django_db


def test_secretariats_page_shows_the_current_term_per_region(client):
    europe = factories.RegionFactory(name="Europe")
    factories.RegionFactory(name="Africa")
    factories.RegionalSecretariatFactory(
        member__name="Berlin", member__region=europe, end_date=None
    )

    response = client.get(reverse("members:secretariats"))

    assert response.status_code == HTTPStatus.OK
    regions = {
        region.name: region.current_terms for region in response.context["object_list"]
    }
    assert [term.member.name for term in regions["Europe"]] == ["Berlin"]
    assert regions["Africa"] == []
    assert "No regional secretariat at present." in response.content.decode()


def test_secretariats_page_lists_past_terms(client):
    factories.RegionalSecretariatFactory(member__name="Montevideo")

    response = client.get(reverse("members:secretariats"))

    assert [t.member.name for t in response.context["past_terms"]] == ["Montevideo"]


def test_secretariats_page_hides_a_secretary_who_is_not_public(client):
    factories.RegionalSecretariatFactory(
        end_date=None, secretary=factories.PersonFactory(name="Hidden", is_public=False)
    )

    assert "Hidden" not in client.get(reverse("members:secretariats")).content.decode()


@pytest.mark.parametrize("size", LIST_SIZES)
def test_secretariats_page_costs_the_same_queries_whatever_its_size(
    client, django_assert_num_queries, size
):
    for year in range(size):
        start = datetime.date(1990 + year, 1, 1)
        factories.RegionalSecretariatFactory(
            start_date=start, end_date=start, secretary=factories.PersonFactory()
        )
        factories.RegionalSecretariatFactory(
            start_date=datetime.date(2024, 1, 1), end_date=None
        )

    # The tables' versions, the regions with their current terms, the past
    # terms, and the members of the regions' small maps; then the versions
    # and the past terms: the current terms and the maps from the cache,
    # while nothing changed.
    with django_assert_num_queries(5):
        client.get(reverse("members:secretariats"))
    with django_assert_num_queries(2):
        client.get(reverse("members:secretariats"))


def test_a_new_current_secretariat_shows_at_once(client):
    client.get(reverse("members:secretariats"))  # the fragment cached
    member = factories.MemberCityFactory(name="Montevideo")

    factories.RegionalSecretariatFactory(
        member=member, start_date=datetime.date(2020, 1, 1), end_date=None
    )

    assert (
        ">Montevideo</a>"
        in client.get(reverse("members:secretariats")).content.decode()
    )
