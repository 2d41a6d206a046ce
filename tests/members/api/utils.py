"""Helpers of the members API tests: URLs, days and answer readers."""

import datetime
from http import HTTPStatus

from django.urls import reverse
from django.utils import timezone

TODAY = timezone.localdate


def list_url(basename: str) -> str:
    return reverse(f"api:{basename}-list")


def names(response) -> list[str]:
    assert response.status_code == HTTPStatus.OK, response.content
    return [row["name"] for row in response.json()["results"]]


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)
