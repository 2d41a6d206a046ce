"""The API key found without a query while its row and its owner are unchanged
(partners.keys), and never once either has changed."""

import datetime
import pickle
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partners.keys import find_key
from partners.models import PartnerKey
from tests.metropolis.api.utils import key_client, make_key, member_url

pytestmark = pytest.mark.django_db


def key_queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == HTTPStatus.OK
    return [q["sql"] for q in queries if PartnerKey._meta.db_table in q["sql"]]


def test_a_key_used_again_is_not_read_again(read_key, member):
    _, key = read_key
    client = key_client(key)
    client.get(member_url(member))  # records its use: a write to the key's row
    client.get(member_url(member))

    assert key_queries(client, member_url(member)) == []


def test_a_wrong_secret_is_refused_while_the_right_key_is_kept(read_key, member):
    obj, key = read_key
    assert key_client(key).get(member_url(member)).status_code == HTTPStatus.OK

    response = key_client(f"{obj.prefix}.wrong-secret").get(member_url(member))

    assert response.status_code == HTTPStatus.UNAUTHORIZED


def revoke_in_admin(obj, owner):
    obj.revoked = True
    obj.save()


def revoke_by_update(obj, owner):
    PartnerKey.objects.filter(pk=obj.pk).update(revoked=True)


def delete(obj, owner):
    obj.delete()


def expire(obj, owner):
    past = timezone.now() - datetime.timedelta(seconds=1)
    PartnerKey.objects.filter(pk=obj.pk).update(expiry_date=past)


def deactivate_owner(obj, owner):
    type(owner).objects.filter(pk=owner.pk).update(is_active=False)


@pytest.mark.parametrize(
    "change", [revoke_in_admin, revoke_by_update, delete, expire, deactivate_owner]
)
def test_a_kept_key_stops_at_once_when_it_may_no_longer_be_used(
    change, read_key, key_owner, member
):
    obj, key = read_key
    client = key_client(key)
    assert client.get(member_url(member)).status_code == HTTPStatus.OK
    assert client.get(member_url(member)).status_code == HTTPStatus.OK

    change(obj, key_owner)

    assert client.get(member_url(member)).status_code == HTTPStatus.UNAUTHORIZED


def test_a_kept_write_key_narrowed_to_read_cannot_write_at_once(write_key, member):
    obj, key = write_key
    client = key_client(key)
    url = member_url(member)
    assert client.patch(url, {"summary": "First."}).status_code == HTTPStatus.OK

    PartnerKey.objects.filter(pk=obj.pk).update(scope=PartnerKey.Scope.READ)

    assert client.patch(url, {"summary": "Second."}).status_code == (
        HTTPStatus.FORBIDDEN
    )


def test_the_cache_holds_neither_the_key_nor_the_owners_password(key_owner, member):
    key_owner.set_password("a-password-of-the-owner")
    key_owner.save()
    obj, key = make_key(key_owner, PartnerKey.Scope.READ)
    key_client(key).get(reverse("api:membercity-list"))

    entry = cache.get(f"partners:key:{obj.hashed_key}")
    kept = pickle.dumps(entry)

    assert find_key(key) == obj
    assert entry is not None
    assert key.encode() not in kept
    assert key.partition(".")[2].encode() not in kept
    assert key_owner.password.encode() not in kept
