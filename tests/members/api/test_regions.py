"""The members API: regions."""

import pytest
from django.urls import reverse

from tests.members.api.utils import list_url

pytestmark = pytest.mark.django_db


def test_regions_list_with_their_member_count(api, guangzhou, europe, berlin):
    rows = api.get(list_url("region")).json()["results"]

    assert [(r["name"], r["code"], r["member_count"]) for r in rows] == [
        ("Asia-Pacific", "ASPAC", 1),
        ("Europe", "EU", 1),
    ]


def test_a_region_is_found_by_its_slug(api, europe):
    response = api.get(reverse("api:region-detail", args=["europe"]))

    assert response.json()["url"] == "http://testserver/api/v1/regions/europe/"
