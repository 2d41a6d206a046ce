"""Request bodies over the documented limit (DATA_UPLOAD_MAX_MEMORY_SIZE,
1 MiB; DATA_UPLOAD_MAX_NUMBER_FIELDS, 1,000) are refused, and nothing is
written."""

import json
from http import HTTPStatus

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

LIMIT = settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def test_the_limits_are_the_documented_ones():
    assert LIMIT == 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 1000


@pytest.fixture
def editor_api(client, editor):
    client.force_login(editor)
    return client


@pytest.mark.parametrize("method", ["post", "put", "patch"])
def test_an_api_body_over_the_limit_is_refused_with_413(editor_api, member, method):
    body = json.dumps({"summary": "x" * LIMIT})
    url = reverse("api:membercity-detail", args=[member.slug])
    if method == "post":
        url = reverse("api:membercity-list")

    response = getattr(editor_api, method)(url, body, content_type="application/json")

    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    error = response.json()
    assert error["code"] == "payload_too_large"
    assert f"{LIMIT} bytes" in error["detail"]
    member.refresh_from_db()
    assert member.summary == ""


def test_an_api_body_at_the_limit_is_read(editor_api, member):
    padding = LIMIT - len(json.dumps({"summary": "Short.", "x": ""}))
    body = json.dumps({"summary": "Short.", "x": " " * padding})
    assert len(body) == LIMIT

    response = editor_api.patch(
        reverse("api:membercity-detail", args=[member.slug]),
        body,
        content_type="application/json",
    )

    assert response.status_code == HTTPStatus.OK
    member.refresh_from_db()
    assert member.summary == "Short."


def test_a_form_encoded_api_body_over_the_limit_is_refused(editor_api, member):
    response = editor_api.patch(
        reverse("api:membercity-detail", args=[member.slug]),
        "summary=" + "x" * LIMIT,
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert response.json()["code"] == "payload_too_large"
    member.refresh_from_db()
    assert member.summary == ""


def test_a_form_post_over_the_limit_is_refused(client, liaison, member):
    client.force_login(liaison)

    response = client.post(
        reverse("portal:profile"),
        "summary=" + "x" * LIMIT,
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    member.refresh_from_db()
    assert member.summary == ""


def test_a_multipart_form_post_over_the_limit_is_refused(client, liaison, member):
    client.force_login(liaison)

    response = client.post(reverse("portal:profile"), {"summary": "x" * LIMIT})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    member.refresh_from_db()
    assert member.summary == ""


def test_a_login_over_the_limit_is_refused():
    response = Client().post(
        reverse("login"),
        {"username": "x" * LIMIT, "password": "secret"},
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST


def test_an_api_body_with_too_many_fields_is_refused(editor_api, member):
    fields = "&".join(f"f{number}=1" for number in range(1001))

    response = editor_api.patch(
        reverse("api:membercity-detail", args=[member.slug]),
        f"summary=Short.&{fields}",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "1000 fields" in response.json()["detail"]
    member.refresh_from_db()
    assert member.summary == ""


def test_a_form_post_with_too_many_fields_is_refused(client, liaison, member):
    client.force_login(liaison)
    fields = "&".join(f"f{number}=1" for number in range(1001))

    response = client.post(
        reverse("portal:profile"),
        f"summary=Short.&{fields}",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    member.refresh_from_db()
    assert member.summary == ""
