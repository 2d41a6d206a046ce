from http import HTTPStatus
from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_answers_200_while_the_database_answers(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"status": "ok", "database": "up"}


def test_healthz_answers_503_when_the_database_does_not(client):
    with mock.patch(
        "core.views.connection.cursor", side_effect=OperationalError("down")
    ):
        response = client.get(reverse("healthz"))

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response.json()["database"] == "down"


def test_healthz_is_never_cached(client):
    response = client.get(reverse("healthz"))

    assert "no-cache" in response["Cache-Control"]
