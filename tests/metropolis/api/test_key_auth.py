"""The API core: partner keys authenticate, scope and expire."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from members.models import MemberCity
from partners.models import PartnerKey
from tests import factories
from tests.metropolis.api.utils import (
    assert_error_body,
    key_client,
    make_key,
    member_url,
)

pytestmark = pytest.mark.django_db


def test_a_read_key_reads(read_key, member):
    _, key = read_key

    response = key_client(key).get(member_url(member))

    assert response.status_code == HTTPStatus.OK
    assert response.json()["name"] == "Guangzhou"


def test_an_unknown_key_is_refused_with_401(member):
    response = key_client("abcd1234.not-a-real-secret").get(member_url(member))

    assert_error_body(response, HTTPStatus.UNAUTHORIZED, "authentication_failed")
    assert response["WWW-Authenticate"] == 'Api-Key realm="api"'


def test_a_key_with_a_wrong_secret_is_refused(read_key, member):
    obj, _ = read_key

    response = key_client(f"{obj.prefix}.wrong-secret").get(member_url(member))

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert "WWW-Authenticate" in response


def test_a_malformed_authorization_header_is_refused(api, member):
    response = api.get(member_url(member), HTTP_AUTHORIZATION="Api-Key two parts")

    assert_error_body(response, HTTPStatus.UNAUTHORIZED)
    assert "Api-Key <key>" in response.json()["detail"]


def test_a_revoked_key_is_refused_with_401(key_owner, member):
    _, key = make_key(key_owner, PartnerKey.Scope.READ, revoked=True)

    response = key_client(key).get(member_url(member))

    assert_error_body(response, HTTPStatus.UNAUTHORIZED)
    assert response["WWW-Authenticate"] == 'Api-Key realm="api"'


def test_an_expired_key_is_refused_with_401(key_owner, member):
    yesterday = timezone.now() - datetime.timedelta(days=1)
    _, key = make_key(key_owner, PartnerKey.Scope.READ, expiry_date=yesterday)

    response = key_client(key).get(member_url(member))

    body = assert_error_body(response, HTTPStatus.UNAUTHORIZED)
    assert "expired" in body["detail"]
    assert "WWW-Authenticate" in response


def test_a_key_of_an_inactive_owner_is_refused(read_key, key_owner, member):
    _, key = read_key
    key_owner.is_active = False
    key_owner.save()

    response = key_client(key).get(member_url(member))

    assert response.status_code == HTTPStatus.UNAUTHORIZED


def test_revoking_a_key_takes_effect_on_the_next_request(read_key, member):
    obj, key = read_key
    client = key_client(key)
    assert client.get(member_url(member)).status_code == HTTPStatus.OK

    PartnerKey.objects.filter(pk=obj.pk).update(revoked=True)

    assert client.get(member_url(member)).status_code == HTTPStatus.UNAUTHORIZED


def test_a_key_is_stored_hashed(read_key):
    obj, key = read_key
    secret = key.partition(".")[2]

    row = PartnerKey.objects.filter(pk=obj.pk).values().get()

    assert secret
    assert not any(secret in str(value) for value in row.values())
    assert not any(key in str(value) for value in row.values())


def test_using_a_key_records_when_it_was_last_used(read_key, member):
    obj, key = read_key
    assert obj.last_used_at is None

    key_client(key).get(member_url(member))

    obj.refresh_from_db()
    assert obj.last_used_at is not None
    assert timezone.now() - obj.last_used_at < datetime.timedelta(minutes=1)


def test_a_read_key_cannot_write(read_key, member):
    _, key = read_key

    response = key_client(key).patch(member_url(member), {"summary": "Hacked"})

    assert_error_body(response, HTTPStatus.FORBIDDEN, "permission_denied")
    member.refresh_from_db()
    assert member.summary == ""


def test_a_write_key_writes_as_its_owner(write_key, key_owner, member):
    _, key = write_key

    response = key_client(key).patch(member_url(member), {"summary": "Port city."})

    assert response.status_code == HTTPStatus.OK
    member.refresh_from_db()
    assert member.summary == "Port city."
    assert member.history.latest().history_user == key_owner


def test_a_write_key_creates_with_its_owner_in_the_history(write_key, key_owner):
    _, key = write_key
    region = factories.RegionFactory(slug="europe")

    response = key_client(key).post(
        reverse("api:membercity-list"),
        {
            "name": "Berlin",
            "slug": "berlin",
            "country": "DE",
            "region_slug": region.slug,
            "join_year": 1985,
        },
    )

    assert response.status_code == HTTPStatus.CREATED
    berlin = MemberCity.objects.get(slug="berlin")
    assert berlin.history.get().history_user == key_owner
    assert response["Location"] == response.json()["url"]
