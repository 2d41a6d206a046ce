"""API keys for partner systems in the admin: the Administrator's, nobody else's."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from partners.models import PartnerKey
from tests import factories

pytestmark = pytest.mark.django_db

ADD_URL = "admin:partners_partnerkey_add"


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def partner():
    return factories.UserFactory(username="crm-owner")


def create_key_in_admin(admin_client, partner, scope="write"):
    return admin_client.post(
        reverse(ADD_URL),
        {"name": "CRM", "owner": partner.pk, "scope": scope, "expiry_date": ""},
        follow=True,
    )


def shown_key(response) -> str:
    """The key in the one-time message: 'The API key for CRM is: <key>. …'."""
    (message,) = [
        str(m) for m in response.context["messages"] if "Please store it" in str(m)
    ]
    return message.split("is: ", 1)[1].split(". ", 1)[0]


def test_the_administrator_opens_the_add_key_form(admin_client):
    response = admin_client.get(reverse(ADD_URL))

    assert response.status_code == HTTPStatus.OK
    assert b'name="scope"' in response.content


def test_the_administrator_creates_a_key_and_sees_it_once(admin_client, partner):
    response = create_key_in_admin(admin_client, partner)

    key = shown_key(response)
    stored = PartnerKey.objects.get()
    assert response.status_code == HTTPStatus.OK
    assert (stored.name, stored.owner, stored.scope) == ("CRM", partner, "write")
    assert key.startswith(stored.prefix + ".")
    assert key not in admin_client.get(reverse(ADD_URL)).content.decode()
    change = admin_client.get(
        reverse("admin:partners_partnerkey_change", args=[stored.pk])
    )
    assert key.partition(".")[2] not in change.content.decode()


def test_the_key_created_in_the_admin_works_in_the_api(admin_client, partner, member):
    key = shown_key(create_key_in_admin(admin_client, partner, scope="read"))
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")

    response = api.get(reverse("api:membercity-detail", args=[member.slug]))

    assert response.status_code == HTTPStatus.OK


def test_the_admin_stores_only_the_keys_hash(admin_client, partner):
    key = shown_key(create_key_in_admin(admin_client, partner))

    row = PartnerKey.objects.values().get()

    assert not any(key.partition(".")[2] in str(value) for value in row.values())


def test_revoking_a_key_in_the_admin_stops_it_at_once(admin_client, partner, member):
    key = shown_key(create_key_in_admin(admin_client, partner))
    stored = PartnerKey.objects.get()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    url = reverse("api:membercity-detail", args=[member.slug])
    assert api.get(url).status_code == HTTPStatus.OK

    admin_client.post(
        reverse("admin:partners_partnerkey_change", args=[stored.pk]),
        {"name": "CRM", "owner": partner.pk, "scope": "write", "revoked": "on"},
    )

    stored.refresh_from_db()
    assert stored.revoked
    assert api.get(url).status_code == HTTPStatus.UNAUTHORIZED


def test_the_key_list_shows_scope_owner_and_last_use(admin_client, partner, member):
    key_obj, key = PartnerKey.objects.create_key(
        name="Dashboard", owner=partner, scope="read"
    )
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    api.get(reverse("api:membercity-detail", args=[member.slug]))

    response = admin_client.get(reverse("admin:partners_partnerkey_changelist"))

    key_obj.refresh_from_db()
    html = response.content.decode()
    assert "Dashboard" in html
    assert "crm-owner" in html
    assert key_obj.last_used_at is not None
    assert "column-last_used_at" in html


@pytest.mark.parametrize(
    "url",
    [
        reverse(ADD_URL),
        reverse("admin:partners_partnerkey_changelist"),
    ],
)
def test_a_secretariat_editor_cannot_reach_the_keys(editor_client, url):
    assert editor_client.get(url).status_code == HTTPStatus.FORBIDDEN


def test_a_secretariat_editor_cannot_create_a_key(editor_client, partner):
    response = editor_client.post(
        reverse(ADD_URL), {"name": "Mine", "owner": partner.pk, "scope": "write"}
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not PartnerKey.objects.exists()


def test_a_liaison_is_sent_to_the_login_page(client, liaison):
    client.force_login(liaison)

    response = client.get(reverse(ADD_URL))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("admin:login"))
