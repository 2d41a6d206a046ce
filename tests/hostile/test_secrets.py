"""Secrets stay secret: API keys are stored hashed and shown once, a password
reset does not tell whether an account exists, repeated failed logins lock
the user name out with a clear message, and no login attempt is a 500."""

import re
from http import HTTPStatus

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from partners.models import PartnerKey
from tests import factories
from tests.hostile import payloads

pytestmark = pytest.mark.django_db

LOCKED = "Too many failed attempts"


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


def create_key_in_the_admin(client, owner) -> tuple[PartnerKey, str]:
    response = client.post(
        reverse("admin:partners_partnerkey_add"),
        {"name": "Partner system", "owner": owner.pk, "scope": "read"},
        follow=True,
    )
    assert response.status_code == HTTPStatus.OK
    shown = [str(m) for m in response.context["messages"]]
    (key,) = re.findall(r"is: (\S+)\.", " ".join(shown))
    return PartnerKey.objects.get(name="Partner system"), key


def test_a_new_key_is_shown_once_in_the_creation_message(superuser_client, editor):
    partner_key, key = create_key_in_the_admin(superuser_client, editor)

    assert PartnerKey.objects.get_from_key(key) == partner_key
    change = superuser_client.get(
        reverse("admin:partners_partnerkey_change", args=[partner_key.pk])
    )
    listing = superuser_client.get(reverse("admin:partners_partnerkey_changelist"))
    again = superuser_client.get(reverse("admin:index"))
    for response in (change, listing, again):
        assert response.status_code == HTTPStatus.OK
        assert key not in response.content.decode()


def test_the_database_row_holds_no_key(superuser_client, editor):
    partner_key, key = create_key_in_the_admin(superuser_client, editor)
    table = connection.ops.quote_name(PartnerKey._meta.db_table)

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")
        (row,) = cursor.fetchall()

    secret = key.split(".", 1)[1]
    assert not any(secret in str(value) for value in row)
    assert partner_key.hashed_key != key
    assert partner_key.prefix == key.split(".", 1)[0]


def test_keys_made_in_code_are_stored_hashed_too(editor):
    partner_key, key = PartnerKey.objects.create_key(
        name="Script", owner=editor, scope=PartnerKey.Scope.WRITE
    )

    stored = PartnerKey.objects.filter(pk=partner_key.pk).values().get()
    assert key.split(".", 1)[1] not in repr(stored)
    assert partner_key.is_valid(key)


def request_reset(client, email):
    return client.post(reverse("password_reset"), {"email": email}, follow=True)


def test_a_password_reset_answers_the_same_for_known_and_unknown_addresses(
    client, liaison
):
    known = request_reset(client, "liaison@example.org")
    unknown = request_reset(Client(), "nobody@example.org")

    assert known.status_code == unknown.status_code == HTTPStatus.OK
    assert known.redirect_chain == unknown.redirect_chain
    assert known.content == unknown.content
    assert len(mail.outbox) == 1  # the known address only


def test_a_hostile_reset_address_is_a_form_error(client, liaison):
    response = client.post(reverse("password_reset"), {"email": payloads.CORE})

    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["email"]
    assert mail.outbox == []


def fail_login(client, username, url=None):
    return client.post(
        url or reverse("login"), {"username": username, "password": "wrong"}
    )


@pytest.mark.parametrize("login", ["login", "admin:login"])
def test_repeated_failed_logins_lock_the_user_name_out(client, editor, login):
    url = reverse(login)
    for _attempt in range(4):
        assert fail_login(client, "editor", url).status_code == HTTPStatus.OK
    fifth = fail_login(client, "editor", url)

    response = client.post(url, {"username": "editor", "password": factories.PASSWORD})

    assert fifth.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert LOCKED in response.content.decode()
    assert "15 minutes" in response.content.decode()


@pytest.mark.parametrize(
    "username",
    [
        "x" * 10_000,
        payloads.CORE,
        payloads.CONTROL,
        "' OR 1=1 --",
        "\u202eadmin",
    ],
    ids=["long", "xss", "control", "sql", "rtl"],
)
def test_failed_logins_with_hostile_user_names_are_plain_failures(client, username):
    for _attempt in range(4):
        response = fail_login(client, username)

        assert response.status_code == HTTPStatus.OK
        assert "Please enter a correct" in response.content.decode()

    locked = fail_login(client, username)

    assert locked.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert LOCKED in locked.content.decode()


def test_a_failed_login_with_hostile_query_and_headers_is_recorded(client):
    # (gunicorn refuses a header holding a NUL or another control character
    # with 400 before the app sees it; a query string can hold an encoded one.)
    response = client.post(
        reverse("login") + "?next=%00&x=" + "y" * 5000,
        {"username": "someone", "password": "wrong"},
        HTTP_USER_AGENT=payloads.CORE * 200,
        HTTP_ACCEPT="text/html;" * 500,
    )

    assert response.status_code == HTTPStatus.OK
    assert "Please enter a correct" in response.content.decode()
