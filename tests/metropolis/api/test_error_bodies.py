"""The API core: every error has one JSON body."""

import json
from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.metropolis.api.utils import assert_error_body, key_client, member_url

pytestmark = pytest.mark.django_db


def test_a_validation_error_names_the_field(editor_client):
    response = editor_client.post(
        reverse("api:region-list"),
        json.dumps({"name": "Europe", "slug": "europe"}),
        content_type="application/json",
    )

    body = assert_error_body(response, HTTPStatus.BAD_REQUEST, "invalid")
    assert set(body["errors"]) == {"code"}


def test_a_write_without_credentials_is_401(api, member):
    response = api.patch(member_url(member), {"summary": "x"})

    assert_error_body(response, HTTPStatus.UNAUTHORIZED, "not_authenticated")
    assert response["WWW-Authenticate"] == 'Api-Key realm="api"'


def test_an_unknown_object_is_404_with_the_error_body(api):
    response = api.get(reverse("api:membercity-detail", args=["atlantis"]))

    assert_error_body(response, HTTPStatus.NOT_FOUND, "not_found")


def test_a_malformed_json_body_is_400_with_the_error_body(write_key):
    _, key = write_key

    response = key_client(key).generic(
        "POST",
        reverse("api:region-list"),
        "{not json",
        content_type="application/json",
    )

    assert_error_body(response, HTTPStatus.BAD_REQUEST, "parse_error")
