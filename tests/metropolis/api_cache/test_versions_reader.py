"""One reader of the data versions per request: the page's counts and
fragments and the API's cached lists share one query; a write in the request
makes the next read see its new versions."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.versions import TABLE, read_versions, versions_per_request
from tests import factories

pytestmark = pytest.mark.django_db


def version_reads(captured) -> int:
    return sum(TABLE in query["sql"] for query in captured)


def test_the_home_page_reads_the_versions_once(client):
    members = factories.MemberCityFactory.create_batch(3)

    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("home"))

    # Four figures and two fragments' keys need them.
    assert response.status_code == HTTPStatus.OK
    assert f"<strong>{len(members)}</strong> member cities" in (
        response.content.decode()
    )
    assert version_reads(captured) == 1


def test_the_directory_reads_the_versions_once(client):
    members = factories.MemberCityFactory.create_batch(3)

    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("members:member-list"))

    assert response.status_code == HTTPStatus.OK
    assert all(member.name in response.content.decode() for member in members)
    assert version_reads(captured) == 1


@pytest.mark.parametrize("reads", [1, 2])
def test_an_api_list_reads_the_versions_once_made_or_cached(api, reads):
    factories.MemberCityFactory.create_batch(2)
    for _ in range(reads - 1):
        api.get(reverse("api:membercity-list"))

    with CaptureQueriesContext(connection) as captured:
        response = api.get(reverse("api:membercity-list"))

    assert response.json()["count"] == 2
    assert version_reads(captured) == 1


def test_a_write_in_the_request_reads_the_versions_again():
    with versions_per_request(), CaptureQueriesContext(connection) as captured:
        before = read_versions()
        assert read_versions() is before
        factories.RegionFactory()
        after = read_versions()

    assert after["members_region"] != before["members_region"]
    assert version_reads(captured) == 2


def test_outside_a_request_every_read_asks_the_database():
    with CaptureQueriesContext(connection) as captured:
        read_versions()
        read_versions()

    assert version_reads(captured) == 2
