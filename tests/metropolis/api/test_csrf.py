"""The API core: CSRF on session writes."""

import json
from http import HTTPStatus

import pytest
from django.test import Client

from tests.metropolis.api.utils import assert_error_body, member_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def csrf_client(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    return client


def test_a_session_write_without_the_csrf_token_is_refused(csrf_client, member):
    response = csrf_client.patch(
        member_url(member),
        json.dumps({"summary": "Forged."}),
        content_type="application/json",
    )

    body = assert_error_body(response, HTTPStatus.FORBIDDEN)
    assert "CSRF" in body["detail"]
    member.refresh_from_db()
    assert member.summary == ""


def test_a_session_write_with_the_csrf_token_is_accepted(csrf_client, member):
    token = "a" * 32
    csrf_client.cookies["csrftoken"] = token

    response = csrf_client.patch(
        member_url(member),
        json.dumps({"summary": "Genuine."}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )

    assert response.status_code == HTTPStatus.OK
    member.refresh_from_db()
    assert member.summary == "Genuine."


def test_key_writes_need_no_csrf_token(write_key, member):
    client = Client(enforce_csrf_checks=True)

    response = client.patch(
        member_url(member),
        json.dumps({"summary": "By key."}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Api-Key {write_key[1]}",
    )

    assert response.status_code == HTTPStatus.OK
