"""The API core: pagination."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from members.models import Region
from tests import factories
from tests.metropolis.api.utils import assert_error_body

pytestmark = pytest.mark.django_db


def test_a_list_pages_with_count_and_links(api):
    factories.MemberCityFactory.create_batch(3)
    url = reverse("api:membercity-list")

    first = api.get(url, {"page_size": 2}).json()
    second = api.get(first["next"]).json()

    assert first["count"] == 3
    assert first["previous"] is None
    assert len(first["results"]) == 2
    assert len(second["results"]) == 1
    assert second["next"] is None
    assert second["previous"] is not None


def test_the_page_size_is_capped_at_100(api):
    Region.objects.bulk_create(
        Region(code=f"R{n}", name=f"Region {n:03}", slug=f"region-{n}")
        for n in range(101)
    )

    body = api.get(reverse("api:region-list"), {"page_size": 500}).json()

    assert body["count"] == 101
    assert len(body["results"]) == 100
    assert body["next"] is not None


def test_a_page_out_of_range_is_404_with_the_error_body(api, member):
    response = api.get(reverse("api:membercity-list"), {"page": 9})

    assert_error_body(response, HTTPStatus.NOT_FOUND, "not_found")


@pytest.mark.parametrize("page_size", ["abc", "0", "-5", "1.5"])
def test_a_bad_page_size_is_400_naming_it(api, page_size):
    response = api.get(reverse("api:membercity-list"), {"page_size": page_size})

    body = assert_error_body(response, HTTPStatus.BAD_REQUEST, "invalid")
    assert list(body["errors"]) == ["page_size"]


@pytest.mark.parametrize(
    "path", ["people/1.5e-08/", "no-such-resource/", "members/a/b/"]
)
def test_an_unknown_api_url_is_404_with_the_error_body(api, path):
    response = api.delete(reverse("api:api-root") + path)

    assert response["Content-Type"] == "application/json"
    assert_error_body(response, HTTPStatus.NOT_FOUND, "not_found")
