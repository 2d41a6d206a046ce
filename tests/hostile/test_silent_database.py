"""A database that accepts connections and never answers, or a statement that
runs past the statement timeout, gives the clean 503 with Retry-After within
seconds (not a worker held until gunicorn kills it), and the next request
after the database is back is served."""

import contextlib
import socket
import threading
import time
from http import HTTPStatus
from unittest import mock

import pytest
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from members.api.access import ApiAccess

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a PostgreSQL server's timeouts"
)
# How long a request may take, measured by the test: the connect timeout the
# test sets, and room for a busy machine. Without a timeout it hangs for ever.
CONNECT_TIMEOUT = 1
BOUND_SECONDS = 10


@contextlib.contextmanager
def silent_server():
    """A TCP port that accepts connections and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.1)
        while not stop.is_set():
            with contextlib.suppress(TimeoutError, OSError):
                accepted.append(listener.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        for sock in accepted:
            sock.close()
        listener.close()


@contextlib.contextmanager
def database_silent(port: int):
    """Requests get a connection of their own to the silent port, while the
    test's connection, in the test's transaction, waits aside."""
    test_connection = connections[DEFAULT_DB_ALIAS]
    options = {**test_connection.settings_dict["OPTIONS"]}
    options["connect_timeout"] = CONNECT_TIMEOUT
    silent = type(test_connection)(
        {
            **test_connection.settings_dict,
            "HOST": "127.0.0.1",
            "PORT": port,
            "OPTIONS": options,
        },
        DEFAULT_DB_ALIAS,
    )
    connections[DEFAULT_DB_ALIAS] = silent
    try:
        yield
    finally:
        connections[DEFAULT_DB_ALIAS] = test_connection
        silent.close()


def within_bound(request):
    """The response of `request()`, which must come within BOUND_SECONDS."""
    result = {}
    thread = threading.Thread(
        target=lambda: result.setdefault("response", request()), daemon=True
    )
    start = time.monotonic()
    thread.start()
    thread.join(BOUND_SECONDS)
    assert not thread.is_alive(), f"no answer within {BOUND_SECONDS} s"
    return result["response"], time.monotonic() - start


def test_the_timeouts_reach_the_database_driver():
    options = settings.DATABASES["default"].get("OPTIONS", {})
    if connection.vendor == "postgresql":
        assert options["connect_timeout"] == settings.DB_CONNECT_TIMEOUT == 5
        assert options["options"] == "-c statement_timeout=15000"
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone() == ("15s",)
    else:
        assert options["timeout"] == settings.DB_CONNECT_TIMEOUT == 5


@postgres_only
@pytest.mark.parametrize("path", ["/", reverse("api:membercity-list")])
def test_a_silent_database_is_a_503_within_seconds(path):
    client = Client(raise_request_exception=False)

    def request():
        # Connections are per thread: the swap is made in the request's.
        with database_silent(port):
            return client.get(path)

    with silent_server() as port:
        response, seconds = within_bound(request)

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Retry-After"] == "30"
    assert seconds < CONNECT_TIMEOUT + 5
    # Back: served at once.
    assert client.get(path).status_code == HTTPStatus.OK


@postgres_only
def test_a_statement_past_the_timeout_is_a_503():
    def slow(*args):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(30)")
        return True

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = 200")
    client = APIClient(raise_request_exception=False)
    start = time.monotonic()
    with mock.patch.object(ApiAccess, "has_permission", side_effect=slow):
        response = client.get(reverse("api:membercity-list"))

    assert time.monotonic() - start < BOUND_SECONDS

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response.json()["code"] == "service_unavailable"
    assert response["Retry-After"] == "30"
