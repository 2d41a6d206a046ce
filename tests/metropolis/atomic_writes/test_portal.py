"""Atomic writes: the portal."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from members.models import LIAISON_EDITABLE_FIELDS
from tests.metropolis.atomic_writes.utils import database_state, history_fails_after

pytestmark = pytest.mark.django_db


def test_a_portal_proposal_failing_half_way_leaves_nothing(client, liaison, category):
    client.force_login(liaison)
    before = database_state()

    with history_fails_after(1) as calls:
        response = client.post(
            reverse("portal:proposal-create"),
            {
                "title": "Guangzhou hosts the forum",
                "category": category.pk,
                "summary": "A forum.",
                "body": "Text.",
            },
        )

    assert calls.count == 2
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert database_state() == before


def test_a_portal_profile_change_failing_after_the_city_is_saved_changes_nothing(
    client, liaison, member
):
    client.force_login(liaison)
    data = {
        name: "" if getattr(member, name) is None else getattr(member, name)
        for name in LIAISON_EDITABLE_FIELDS
    }
    before = database_state()

    with history_fails_after(0):
        response = client.post(
            reverse("portal:profile"), {**data, "summary": "On the Pearl River."}
        )

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert database_state() == before
