"""The API core: conditional requests (ETag, If-None-Match, If-Match)."""

import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from members.models import MemberCity, Region
from tests.metropolis.api.utils import assert_error_body, key_client, member_url

pytestmark = pytest.mark.django_db


def test_a_detail_response_carries_an_etag(api, member):
    response = api.get(member_url(member))

    # A strong ETag: what the caller may see, and an HMAC of what it got.
    assert re.fullmatch(r'"[a-z0-9]+-[0-9a-f]{32}"', response["ETag"])


def test_if_none_match_answers_304_without_a_body(api, member):
    etag = api.get(member_url(member))["ETag"]

    response = api.get(member_url(member), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == HTTPStatus.NOT_MODIFIED
    assert response.content == b""
    assert response["ETag"] == etag


def test_if_none_match_answers_200_once_the_object_changed(api, member):
    etag = api.get(member_url(member))["ETag"]
    MemberCity.objects.filter(pk=member.pk).update(summary="Changed.")

    response = api.get(member_url(member), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == HTTPStatus.OK
    assert response.json()["summary"] == "Changed."
    assert response["ETag"] != etag


def test_a_write_changes_the_etag(write_key, member):
    client = key_client(write_key[1])
    before = client.get(member_url(member))["ETag"]

    response = client.patch(member_url(member), {"summary": "New."})

    assert response["ETag"] != before
    assert response["ETag"] == client.get(member_url(member))["ETag"]


@pytest.fixture
def stale_etag(write_key, member):
    """An ETag read before somebody else changed the city."""
    etag = key_client(write_key[1]).get(member_url(member))["ETag"]
    MemberCity.objects.filter(pk=member.pk).update(summary="Changed meanwhile.")
    return etag


def test_a_patch_with_a_stale_if_match_is_412_and_changes_nothing(
    write_key, member, stale_etag
):
    response = key_client(write_key[1]).patch(
        member_url(member), {"website": "https://example.org"}, HTTP_IF_MATCH=stale_etag
    )

    assert_error_body(response, HTTPStatus.PRECONDITION_FAILED, "precondition_failed")
    member.refresh_from_db()
    assert member.website == ""
    assert member.summary == "Changed meanwhile."


def test_a_put_with_a_stale_if_match_is_412_and_changes_nothing(write_key, member):
    region = member.region
    url = reverse("api:region-detail", args=[region.slug])
    client = key_client(write_key[1])
    etag = client.get(url)["ETag"]
    Region.objects.filter(pk=region.pk).update(name="Renamed meanwhile")

    response = client.put(
        url,
        {"code": "AP", "name": "Asia-Pacific", "slug": region.slug},
        HTTP_IF_MATCH=etag,
    )

    assert response.status_code == HTTPStatus.PRECONDITION_FAILED
    region.refresh_from_db()
    assert region.name == "Renamed meanwhile"
    assert region.code != "AP"


def test_a_delete_with_a_stale_if_match_is_412_and_deletes_nothing(
    write_key, member, stale_etag
):
    response = key_client(write_key[1]).delete(
        member_url(member), HTTP_IF_MATCH=stale_etag
    )

    assert response.status_code == HTTPStatus.PRECONDITION_FAILED
    assert MemberCity.objects.filter(pk=member.pk).exists()


def test_a_patch_with_the_current_if_match_succeeds(write_key, member):
    client = key_client(write_key[1])
    etag = client.get(member_url(member))["ETag"]

    response = client.patch(
        member_url(member), {"summary": "Current."}, HTTP_IF_MATCH=etag
    )

    assert response.status_code == HTTPStatus.OK
    member.refresh_from_db()
    assert member.summary == "Current."


def test_a_delete_with_the_current_if_match_succeeds(write_key, member):
    client = key_client(write_key[1])
    etag = client.get(member_url(member))["ETag"]

    response = client.delete(member_url(member), HTTP_IF_MATCH=etag)

    assert response.status_code == HTTPStatus.NO_CONTENT
    assert not MemberCity.objects.filter(pk=member.pk).exists()
