"""What a failure answers: under /api/ always the API's JSON error body (an
unexpected exception too); a NUL in an admin changelist's query the admin's
own notice; a refused CSRF token the site's own page; and API responses that
no shared cache hands to another caller."""

from http import HTTPStatus
from unittest import mock

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from members.api.access import ApiAccess
from tests import factories
from tests.api_utils import key_client

pytestmark = pytest.mark.django_db

API_LIST = reverse("api:membercity-list")


# Unexpected exceptions ---------------------------------------------------------


@pytest.mark.parametrize("exception", [RecursionError, ValueError, KeyError])
def test_an_unexpected_exception_under_the_api_is_the_json_error_body(exception):
    client = APIClient(raise_request_exception=False)
    with mock.patch.object(ApiAccess, "has_permission", side_effect=exception):
        response = client.get(API_LIST)

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "status": 500,
        "code": "server_error",
        "detail": "A server error occurred.",
    }


def test_an_unexpected_exception_on_a_page_is_the_sites_500_page():
    client = Client(raise_request_exception=False)
    with mock.patch(
        "portal.home.HomeView.get_context_data", side_effect=RecursionError
    ):
        response = client.get(reverse("home"))

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert response["Content-Type"].startswith("text/html")


# NUL in the query string -----------------------------------------------------


def changelist_parameters(client) -> list[tuple[str, str]]:
    """(changelist URL, parameter) for every filter of every admin changelist,
    its search box and its date hierarchy."""
    found = []
    for model, model_admin in admin.site._registry.items():
        url = reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
        )
        page = client.get(url)
        assert page.status_code == HTTPStatus.OK, url
        changelist = page.context["cl"]
        for spec in changelist.filter_specs:
            found.extend((url, name) for name in spec.expected_parameters())
        if model_admin.search_fields:
            found.append((url, "q"))
        if model_admin.date_hierarchy:
            found.append((url, f"{model_admin.date_hierarchy}__year"))
    return found


def test_a_nul_in_any_admin_changelist_query_is_refused_as_the_admin_does(
    client, superuser
):
    """Back to the list with the admin's "?e=1" notice, not a 500 (PostgreSQL's
    text cannot hold a NUL)."""
    factories.NewsPostFactory()
    factories.AllianceFactory()
    client.force_login(superuser)
    client.raise_request_exception = False
    parameters = changelist_parameters(client)
    assert len(parameters) > 7

    failures = {
        f"{url}?{name}": (response.status_code, response.get("Location"))
        for url, name in parameters
        if (response := client.get(url, {name: "1\x00"})).status_code
        != HTTPStatus.FOUND
        or response["Location"] != f"{url}?e=1"
    }

    assert failures == {}


# CSRF ------------------------------------------------------------------------


def test_a_refused_csrf_token_gets_the_sites_page():
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("login"), {"username": "a", "password": "b"})

    assert response.status_code == HTTPStatus.FORBIDDEN
    html = response.content.decode()
    assert "The form has expired" in html
    assert "allow cookies for this site" in html
    assert 'class="site-header"' in html
    assert "DEBUG" not in html


# Caches ----------------------------------------------------------------------


def cache_control(response) -> set[str]:
    return {p.strip() for p in response.get("Cache-Control", "").split(",") if p}


def vary(response) -> set[str]:
    return {p.strip().lower() for p in response.get("Vary", "").split(",") if p}


def test_key_authenticated_api_responses_are_private(key_owner):
    response = key_client(key_owner, "read").get(API_LIST)

    assert response.status_code == HTTPStatus.OK
    assert "private" in cache_control(response)
    assert {"authorization", "cookie"} <= vary(response)


def test_session_api_responses_are_private(editor):
    client = APIClient()
    client.force_login(editor)

    response = client.get(API_LIST)

    assert response.status_code == HTTPStatus.OK
    assert "private" in cache_control(response)
    assert {"authorization", "cookie"} <= vary(response)


def test_anonymous_api_responses_vary_on_the_credentials():
    response = APIClient().get(API_LIST)

    assert "private" not in cache_control(response)
    assert {"authorization", "cookie"} <= vary(response)


def test_a_refused_key_is_private_too():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Api-Key nope.nope")

    response = client.get(API_LIST)

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert "private" in cache_control(response)
