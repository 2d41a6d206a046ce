"""Helpers of the news API tests: URLs, the time zone and answer readers."""

import zoneinfo
from http import HTTPStatus

from django.urls import reverse

MADRID = zoneinfo.ZoneInfo("Europe/Madrid")
CATEGORIES = reverse("api:category-list")
POSTS = reverse("api:newspost-list")


def detail_url(post) -> str:
    return reverse("api:newspost-detail", args=[post.slug])


def titles(response) -> list[str]:
    assert response.status_code == HTTPStatus.OK, response.content
    return [row["title"] for row in response.json()["results"]]


def errors(response) -> dict:
    assert response.status_code == HTTPStatus.BAD_REQUEST, response.content
    return response.json()["errors"]
