"""Helpers of the API core tests: the router's resources, keys and error bodies."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from metropolis.api.urls import router
from partners.models import PartnerKey

# (basename, viewset) of every resource on the router: one registered later is
# covered at once.
RESOURCES = [(basename, viewset) for _prefix, viewset, basename in router.registry]


def resource_params():
    return [pytest.param(*resource, id=resource[0]) for resource in RESOURCES]


def make_key(owner, scope, **kwargs) -> tuple[PartnerKey, str]:
    return PartnerKey.objects.create_key(
        name=f"{scope} key", owner=owner, scope=scope, **kwargs
    )


def key_client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    return client


def member_url(member) -> str:
    return reverse("api:membercity-detail", args=[member.slug])


def assert_error_body(response, status: HTTPStatus, code: str | None = None):
    body = response.json()
    assert response.status_code == status
    assert body["status"] == status
    assert isinstance(body["code"], str) and body["code"]
    assert isinstance(body["detail"], str) and body["detail"]
    if code is not None:
        assert body["code"] == code
    return body
