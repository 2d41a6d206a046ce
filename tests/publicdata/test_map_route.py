"""/members/map/ is the map, not a member's page: the route comes before the
member pages, and no member city may take the slug "map"."""

from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import resolve, reverse

from members.models import MemberCity
from tests import factories
from tests.admin_utils import admin_url, changeform_data

pytestmark = pytest.mark.django_db


def test_the_map_address_is_the_map():
    assert reverse("publicdata:member-map") == "/members/map/"
    assert resolve("/members/map/").view_name == "publicdata:member-map"


def test_a_member_page_is_still_a_member_page(client, member):
    response = client.get(member.get_absolute_url())

    assert response.status_code == HTTPStatus.OK
    assert response.context["object"] == member


def test_clean_refuses_the_slug_map(member):
    member.slug = "map"

    with pytest.raises(ValidationError) as refused:
        member.full_clean()

    assert list(refused.value.message_dict) == ["slug"]


def test_the_database_refuses_the_slug_map(member):
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberCity.objects.filter(pk=member.pk).update(slug="map")


def test_the_admin_refuses_the_slug_map_on_the_field(editor_client):
    region = factories.RegionFactory()
    url = admin_url("members.membercity", "add")
    data = changeform_data(editor_client.get(url))
    data.update(
        {
            "name": "Map",
            "slug": "map",
            "country": "ES",
            "region": region.pk,
            "join_year": 2000,
        }
    )

    response = editor_client.post(url, data)

    assert response.status_code == HTTPStatus.OK
    assert list(response.context["adminform"].form.errors) == ["slug"]
    assert not MemberCity.objects.exists()


def test_the_api_makes_another_slug_for_a_city_named_map(writer):
    factories.RegionFactory(slug="europe")

    response = writer.post(
        reverse("api:membercity-list"),
        {
            "name": "Map",
            "country": "ES",
            "region_slug": "europe",
            "join_year": 2000,
        },
    )

    assert response.status_code == HTTPStatus.CREATED, response.content
    assert response.json()["slug"] == "map-2"
    assert MemberCity.objects.get().get_absolute_url() != "/members/map/"


def test_the_api_refuses_the_slug_map_naming_the_field(writer):
    factories.RegionFactory(slug="europe")

    response = writer.post(
        reverse("api:membercity-list"),
        {
            "name": "Map",
            "slug": "map",
            "country": "ES",
            "region_slug": "europe",
            "join_year": 2000,
        },
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == ["slug"]
