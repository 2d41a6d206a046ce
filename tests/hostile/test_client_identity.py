"""A client cannot choose the address it is counted under: X-Forwarded-For is
ignored unless a trusted proxy is configured (DJANGO_BEHIND_TLS_PROXY), and
then only the hop that proxy appended is read. Neither the API's rate limit nor
the login lockout can be dodged by rotating the header, or spent for a victim
by naming the victim's address."""

from http import HTTPStatus

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from rest_framework.test import APIClient

from core.clients import client_address
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

API = reverse("api:membercity-list")
LOGIN = reverse("login")


@pytest.fixture
def anon_rate(settings):
    settings.API_RATES = {**settings.API_RATES, "anon": "3/min"}


@pytest.fixture
def behind_proxy(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}


def from_address(address: str) -> APIClient:
    return APIClient(REMOTE_ADDR=address)


def test_rotating_x_forwarded_for_does_not_beat_the_anonymous_rate(anon_rate):
    client = from_address("198.51.100.7")

    statuses = [
        client.get(API, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(6)
    ]

    assert statuses == [HTTPStatus.OK] * 3 + [HTTPStatus.TOO_MANY_REQUESTS] * 3


def test_naming_a_victims_address_does_not_spend_its_quota(anon_rate):
    attacker = from_address("198.51.100.7")
    for _ in range(5):
        attacker.get(API, HTTP_X_FORWARDED_FOR="192.0.2.1")

    victim = from_address("192.0.2.1")

    assert victim.get(API).status_code == HTTPStatus.OK


def test_behind_the_proxy_the_client_is_the_hop_the_proxy_added(
    anon_rate, behind_proxy
):
    # Through the proxy (its address is REMOTE_ADDR), the client prepends
    # addresses of its choice; the proxy appends the one it saw.
    proxy = from_address("10.0.0.1")

    statuses = [
        proxy.get(API, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 198.51.100.7").status_code
        for n in range(5)
    ]
    other = proxy.get(API, HTTP_X_FORWARDED_FOR="198.51.100.8")

    assert statuses == [HTTPStatus.OK] * 3 + [HTTPStatus.TOO_MANY_REQUESTS] * 2
    assert other.status_code == HTTPStatus.OK


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.1"),
        (0, None, "10.0.0.1"),
        (1, None, "10.0.0.1"),
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "1.2.3.4, 203.0.113.9", "203.0.113.9"),
        (2, "1.2.3.4, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (2, "203.0.113.9", "203.0.113.9"),
    ],
)
def test_the_client_address(settings, proxies, forwarded, expected):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": proxies}
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", **extra)

    assert client_address(request) == expected


def test_rotating_x_forwarded_for_does_not_beat_the_login_lockout(liaison):
    client = Client(REMOTE_ADDR="198.51.100.7")
    for n in range(5):
        client.post(
            LOGIN,
            {"username": "liaison", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )

    response = client.post(
        LOGIN,
        {"username": "liaison", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.200",
    )

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_naming_a_victims_address_does_not_lock_the_victim_out(liaison):
    attacker = Client(REMOTE_ADDR="198.51.100.7")
    for _ in range(5):
        attacker.post(
            LOGIN,
            {"username": "liaison", "password": "wrong"},
            HTTP_X_FORWARDED_FOR="192.0.2.1",
        )

    victim = Client(REMOTE_ADDR="192.0.2.1")
    response = victim.post(LOGIN, {"username": "liaison", "password": PASSWORD})

    assert response.status_code == HTTPStatus.FOUND


def test_behind_the_proxy_the_lockout_counts_the_forwarded_client(
    behind_proxy, liaison
):
    proxy = Client(REMOTE_ADDR="10.0.0.1")
    for n in range(5):
        proxy.post(
            LOGIN,
            {"username": "liaison", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 198.51.100.7",
        )

    locked = proxy.post(
        LOGIN,
        {"username": "liaison", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    elsewhere = proxy.post(
        LOGIN,
        {"username": "liaison", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.8",
    )

    assert locked.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert elsewhere.status_code == HTTPStatus.FOUND
