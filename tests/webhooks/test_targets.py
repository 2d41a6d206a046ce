"""Private, loopback and link-local targets are refused (at creation and at
delivery) unless settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS; the delivery goes to
the address that was checked."""

import socket

import pytest
from django.core.exceptions import ValidationError

from webhooks import targets
from webhooks.delivery import attempt
from webhooks.models import WebhookDelivery
from webhooks.services import endpoint_send_test

pytestmark = pytest.mark.django_db

PRIVATE = [
    "http://127.0.0.1/hook",
    "http://localhost:8000/hook",
    "http://10.1.2.3/hook",
    "http://192.168.0.10/hook",
    "http://172.16.0.1/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/hook",
    "http://[fe80::1]/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://0.0.0.0/hook",
    "http://224.0.0.1/hook",
    "http://100.64.0.1/hook",
]


@pytest.fixture
def production(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False


@pytest.mark.parametrize("url", PRIVATE)
def test_a_private_target_is_refused_at_creation(
    production, read_key, endpoint_of, url
):
    with pytest.raises(ValidationError) as refused:
        endpoint_of(read_key, url)

    assert "url" in refused.value.message_dict


def test_a_public_address_is_accepted(production, monkeypatch):
    public = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", 443))]
    monkeypatch.setattr(targets.socket, "getaddrinfo", lambda *a, **k: public)

    target = targets.resolve("https://hooks.example.org/in?x=1")

    assert (target.host, target.port, target.address) == (
        "hooks.example.org",
        443,
        "93.184.215.14",
    )
    assert target.path == "/in?x=1"


def test_a_name_with_one_private_address_among_public_ones_is_refused(
    production, monkeypatch
):
    mixed = [
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", 80)),
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.5", 80)),
    ]
    monkeypatch.setattr(targets.socket, "getaddrinfo", lambda *a, **k: mixed)

    with pytest.raises(targets.TargetRefused):
        targets.resolve("http://hooks.example.org/")


def test_a_target_turned_private_is_refused_at_delivery(
    receiver, read_key, endpoint_of, settings
):
    endpoint = endpoint_of(read_key, receiver.url)
    delivery = endpoint_send_test(endpoint=endpoint)
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False

    assert attempt(delivery.pk) == WebhookDelivery.Status.PENDING

    assert receiver.requests == []
    delivery.refresh_from_db()
    assert "private" in delivery.last_error


def test_the_delivery_connects_to_the_checked_address(
    receiver, read_key, endpoint_of, monkeypatch
):
    """The name is resolved once, by the check; the request goes to that
    address with the registered name in the Host header (DNS rebinding cannot
    swap the address after the check)."""
    port = receiver.server_address[1]
    answers = [[(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]]
    calls = []

    def resolve_once(host, *args, **kwargs):
        calls.append(host)
        return answers[0]

    monkeypatch.setattr(targets.socket, "getaddrinfo", resolve_once)
    endpoint = endpoint_of(read_key, f"http://hooks.partner.test:{port}/in")
    calls.clear()

    attempt(endpoint_send_test(endpoint=endpoint).pk)

    # The name once (the check), then only the checked address (connecting).
    assert calls == ["hooks.partner.test", "127.0.0.1"]
    ((path, headers, _),) = receiver.requests
    assert path == "/in"
    assert headers["Host"] == f"hooks.partner.test:{port}"
