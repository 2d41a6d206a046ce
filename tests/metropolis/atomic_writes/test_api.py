"""Atomic writes: the API."""

from http import HTTPStatus
from unittest import mock

import pytest
from django.urls import reverse

from tests.metropolis.atomic_writes.utils import (
    LOST,
    database_state,
    history_fails_after,
)

pytestmark = pytest.mark.django_db


def test_an_api_create_failing_after_its_first_rows_leaves_nothing(editor_api):
    before = database_state()

    # The plan and its history are written; its objectives fail.
    with mock.patch(
        "alliances.services.PlanObjective.objects.bulk_create", side_effect=LOST
    ):
        response = editor_api.post(
            reverse("api:strategicactionplan-list"),
            {
                "title": "Strategic Action Plan 2024–2026",
                "slug": "sap-2024-2026",
                "first_year": 2024,
                "last_year": 2026,
                "objectives": ["Climate", "Housing"],
            },
        )

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert database_state() == before


def test_an_api_create_failing_while_answering_leaves_nothing(
    editor_api, member, category
):
    before = database_state()

    # The post, its history and its related members are all written by then.
    with mock.patch("core.api.viewsets.ResourceViewSet.read_back", side_effect=LOST):
        response = editor_api.post(
            reverse("api:newspost-list"),
            {
                "title": "Guangzhou hosts the forum",
                "slug": "guangzhou-forum",
                "category_slug": category.slug,
                "summary": "A forum.",
                "body": "Text.",
                "related_member_slugs": [member.slug],
            },
        )

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert database_state() == before


def test_an_api_update_failing_half_way_changes_nothing(editor_api, plan):
    before = database_state()

    with mock.patch(
        "alliances.services.PlanObjective.objects.bulk_create", side_effect=LOST
    ):
        response = editor_api.patch(
            reverse("api:strategicactionplan-detail", args=[plan.slug]),
            {"title": "A new title", "objectives": ["Climate"]},
        )

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert database_state() == before


def test_an_api_extension_failing_while_answering_leaves_nothing(editor_api, alliance):
    before = database_state()

    with mock.patch(
        "alliances.api.serializers.AllianceSerializer.to_representation",
        side_effect=LOST,
    ):
        response = editor_api.post(
            reverse("api:alliance-extend", args=[alliance.slug]),
            {"new_end_date": "2025-07-14", "agreed_on": "2024-06-01"},
        )

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert database_state() == before


def test_an_api_delete_failing_half_way_deletes_nothing(editor_api, plan):
    before = database_state()

    # The plan's objectives go first, each with a historical row.
    with history_fails_after(1) as calls:
        response = editor_api.delete(
            reverse("api:strategicactionplan-detail", args=[plan.slug])
        )

    assert calls.count == 2
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert database_state() == before
