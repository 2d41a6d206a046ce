"""Helpers of the alliances API tests: URLs, dates, personas and answer readers."""

import datetime
from http import HTTPStatus

from django.urls import reverse

D = datetime.date
JUNE_1 = D(2024, 6, 1)
PERSONAS = ["anonymous", "read_key", "write_key", "liaison", "other_liaison", "editor"]


def detail_url(alliance) -> str:
    return reverse("api:alliance-detail", args=[alliance.slug])


def plan_url(plan) -> str:
    return reverse("api:strategicactionplan-detail", args=[plan.slug])


ALLIANCES = reverse("api:alliance-list")
PLANS = reverse("api:strategicactionplan-list")


def titles(response) -> list[str]:
    assert response.status_code == HTTPStatus.OK, response.content
    return [row["title"] for row in response.json()["results"]]


def errors(response) -> dict:
    assert response.status_code == HTTPStatus.BAD_REQUEST, response.content
    return response.json()["errors"]
