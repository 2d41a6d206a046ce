"""Guessing API keys and asking for password resets are limited per client:
past the quota the answer is 429 with Retry-After and a message that says so."""

import types
from http import HTTPStatus

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from partners.models import PartnerKey

pytestmark = pytest.mark.django_db

API = reverse("api:membercity-list")
RESET = reverse("password_reset")


@pytest.fixture
def right_key(key_owner) -> str:
    _, key = PartnerKey.objects.create_key(name="CRM", owner=key_owner, scope="read")
    return key


def with_key(key: str, address: str = "198.51.100.7"):
    return APIClient(REMOTE_ADDR=address, HTTP_AUTHORIZATION=f"Api-Key {key}")


def test_the_quotas_are_the_documented_ones(settings):
    assert settings.API_KEY_FAILURE_RATE == "10/min"
    assert settings.PASSWORD_RESET_RATES == {"address": "10/hour", "email": "3/hour"}


def test_wrong_keys_are_throttled_per_client_address(right_key, monkeypatch):
    # The quota's windows start at each minute: the requests stay in one (at
    # its start), however slowly the machine runs them.
    monkeypatch.setattr(
        "core.ratelimit.time", types.SimpleNamespace(time=lambda: 1_800_000_000.0)
    )
    statuses = [with_key(f"wrong.{n}").get(API).status_code for n in range(11)]

    assert statuses == [HTTPStatus.UNAUTHORIZED] * 10 + [HTTPStatus.TOO_MANY_REQUESTS]
    refused = with_key(right_key).get(API)
    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert int(refused["Retry-After"]) <= 60
    assert refused.json()["code"] == "throttled"
    assert "Too many wrong API keys" in refused.json()["detail"]
    # Another client is not held back.
    assert with_key(right_key, "192.0.2.1").get(API).status_code == HTTPStatus.OK


def test_right_keys_spend_no_failure_quota(right_key):
    for _ in range(15):
        assert with_key(right_key).get(API).status_code == HTTPStatus.OK


def reset(email: str, address: str = "198.51.100.7"):
    return Client(REMOTE_ADDR=address).post(RESET, {"email": email})


def test_password_resets_are_limited_per_email_address(liaison):
    statuses = [reset("liaison@example.org").status_code for _ in range(3)]
    refused = reset("Liaison@example.org", "192.0.2.1")

    assert statuses == [HTTPStatus.FOUND] * 3
    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Too many password reset requests" in refused.content.decode()
    assert int(refused["Retry-After"]) <= 3600
    assert len(mail.outbox) == 3


def test_password_resets_are_limited_per_client_address(liaison):
    statuses = [reset(f"someone{n}@example.org").status_code for n in range(10)]
    refused = reset("liaison@example.org")

    assert statuses == [HTTPStatus.FOUND] * 10
    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert mail.outbox == []
    # From elsewhere the liaison still gets its link.
    assert reset("liaison@example.org", "192.0.2.1").status_code == HTTPStatus.FOUND
    assert len(mail.outbox) == 1


def test_unknown_and_known_addresses_are_limited_alike(liaison):
    for _ in range(3):
        reset("nobody@example.org")

    known = [reset("liaison@example.org", "192.0.2.1") for _ in range(4)]
    unknown = reset("nobody@example.org", "192.0.2.2")

    assert known[-1].status_code == unknown.status_code
    assert known[-1].context["form"].errors == unknown.context["form"].errors
