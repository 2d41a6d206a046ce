"""With the database gone every page and endpoint answers a clean 503, and the
app serves again as soon as the database is back, without a restart.

On PostgreSQL the connections really fail: they go to a closed port. SQLite
has no server to stop, so there every cursor fails as one on a lost database
would.
"""

import contextlib
import socket
from http import HTTPStatus
from unittest import mock

import pytest
from django.db import DEFAULT_DB_ALIAS, OperationalError, connection, connections
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from partners.models import PartnerKey
from tests import factories

pytestmark = pytest.mark.django_db

UNAVAILABLE_TEXT = "Temporarily unavailable"


def closed_port() -> int:
    """A local TCP port on which nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def cursors_fail():
    with mock.patch.object(
        connection,
        "create_cursor",
        side_effect=OperationalError("unable to open database file"),
    ):
        yield


@contextlib.contextmanager
def database_gone():
    """Requests meet a database that does not answer.

    On PostgreSQL the requests get a connection of their own to a closed port,
    while the test's connection, in the test's transaction, waits aside.
    """
    if connection.vendor != "postgresql":
        with cursors_fail():
            yield
        return
    test_connection = connections[DEFAULT_DB_ALIAS]
    unreachable = type(test_connection)(
        {**test_connection.settings_dict, "HOST": "127.0.0.1", "PORT": closed_port()},
        DEFAULT_DB_ALIAS,
    )
    connections[DEFAULT_DB_ALIAS] = unreachable
    try:
        yield
    finally:
        connections[DEFAULT_DB_ALIAS] = test_connection
        unreachable.close()


@contextlib.contextmanager
def port_closed():
    """The one connection of the app pointed at a closed port, then back."""
    if connection.vendor != "postgresql":
        with cursors_fail():
            yield
        return
    with mock.patch.dict(
        connection.settings_dict, {"HOST": "127.0.0.1", "PORT": closed_port()}
    ):
        connection.close()
        yield
    connection.close()  # as a lost connection would be: the next query reconnects


@pytest.fixture
def member():
    return factories.MemberCityFactory(name="Guangzhou", slug="guangzhou")


@pytest.fixture
def write_key():
    owner = factories.UserFactory(username="partner-owner")
    _, key = PartnerKey.objects.create_key(
        name="write key", owner=owner, scope=PartnerKey.Scope.WRITE
    )
    return key


def assert_unavailable_page(response):
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Content-Type"].startswith("text/html")
    assert response["Retry-After"].isdigit()
    content = response.content.decode()
    assert UNAVAILABLE_TEXT in content
    assert "Traceback" not in content


def assert_unavailable_json(response):
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Retry-After"].isdigit()
    assert response.json()["code"] == "service_unavailable"


def test_the_home_page_is_503_without_the_database(client):
    with database_gone():
        response = client.get(reverse("home"))

    assert_unavailable_page(response)


def test_a_member_page_is_503_without_the_database(client, member):
    with database_gone():
        response = client.get(reverse("members:member-detail", args=[member.slug]))

    assert_unavailable_page(response)


def test_the_admin_login_is_503_without_the_database(client, editor):
    with database_gone():
        response = client.post(
            reverse("admin:login"),
            {"username": editor.username, "password": factories.PASSWORD},
        )

    assert_unavailable_page(response)


def test_the_admin_is_503_without_the_database_for_a_logged_in_editor(
    editor_client,
):
    with database_gone():
        response = editor_client.get(reverse("admin:index"))

    assert_unavailable_page(response)


def test_the_portal_is_503_without_the_database(client, liaison):
    client.force_login(liaison)

    with database_gone():
        response = client.get(reverse("portal:dashboard"))

    assert_unavailable_page(response)


def test_the_news_feed_is_503_without_the_database(client):
    with database_gone():
        response = client.get(reverse("news:feed"))

    assert_unavailable_page(response)


def test_an_api_list_is_503_with_the_error_body_without_the_database(member):
    with database_gone():
        response = APIClient().get(reverse("api:membercity-list"))

    assert_unavailable_json(response)


def test_an_api_write_is_503_with_the_error_body_without_the_database(write_key):
    region = factories.RegionFactory(slug="europe")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {write_key}")

    with database_gone():
        response = api.post(
            reverse("api:membercity-list"),
            {
                "name": "Berlin",
                "slug": "berlin",
                "country": "DE",
                "region_slug": region.slug,
                "join_year": 1985,
            },
        )

    assert_unavailable_json(response)


def test_healthz_is_503_without_the_database(client):
    with database_gone():
        response = client.get(reverse("healthz"))

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response.json()["database"] == "down"
    assert response["Retry-After"].isdigit()


def test_a_database_error_in_a_later_middleware_is_a_503(liaison, settings):
    """The session is saved on the way out, after the view has answered."""
    settings.SESSION_SAVE_EVERY_REQUEST = True
    client = Client(raise_request_exception=False)
    client.force_login(liaison)

    with mock.patch(
        "django.contrib.sessions.backends.db.SessionStore.save",
        side_effect=OperationalError("server closed the connection unexpectedly"),
    ):
        response = client.get(reverse("members:member-list"))

    assert_unavailable_page(response)


# The connection is closed and opened again: no test transaction around it.
@pytest.mark.django_db(transaction=True)
def test_the_site_serves_again_once_the_database_is_back(client, liaison, member):
    client.force_login(liaison)
    api = APIClient()
    urls = [
        reverse("home"),
        reverse("members:member-detail", args=[member.slug]),
        reverse("portal:dashboard"),
        reverse("news:feed"),
    ]
    with port_closed():
        down = [client.get(url).status_code for url in urls]
        down.append(api.get(reverse("api:membercity-list")).status_code)

    up = [client.get(url).status_code for url in urls]
    up.append(api.get(reverse("api:membercity-list")).status_code)

    assert down == [HTTPStatus.SERVICE_UNAVAILABLE] * 5
    assert up == [HTTPStatus.OK] * 5


def test_the_503_page_is_plain_if_even_its_template_fails(client):
    with (
        database_gone(),
        mock.patch(
            "core.middleware.render_to_string", side_effect=ValueError("manifest")
        ),
    ):
        response = client.get(reverse("home"))

    assert_unavailable_page(response)
