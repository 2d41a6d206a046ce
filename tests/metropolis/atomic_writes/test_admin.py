"""Atomic writes: the admin."""

from http import HTTPStatus
from types import SimpleNamespace
from unittest import mock

import pytest
from django.urls import reverse

from news import services as news_services
from news.models import NewsPost
from tests import factories
from tests.admin_utils import admin_url, changeform_data
from tests.metropolis.atomic_writes.utils import (
    LOST,
    database_state,
    fails_on_second_call,
    history_fails_after,
)

pytestmark = pytest.mark.django_db


def test_an_admin_save_failing_on_an_inline_row_changes_nothing(editor_client, member):
    url = admin_url("members.membercity", "change", member.pk)
    data = changeform_data(editor_client.get(url))
    data.update(
        {
            "summary": "On the Pearl River.",
            "mandates-TOTAL_FORMS": 1,
            "mandates-0-role": "board_member",
            "mandates-0-start_date": "2020-01-01",
        }
    )
    before = database_state()

    # The city and its historical row are written; the mandate's history fails.
    with history_fails_after(1) as calls:
        response = editor_client.post(url, data)

    assert calls.count == 2
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert database_state() == before


@pytest.mark.parametrize(
    ("action", "service", "extra"),
    [
        ("publish_posts", "news_publish", {}),
        ("archive_posts", "news_archive", {}),
        ("return_posts", "news_return", {"apply": "1", "comment": "Add dates."}),
    ],
)
def test_an_admin_action_failing_on_its_second_post_changes_none(
    editor_client, member, category, action, service, extra
):
    posts = [
        factories.NewsPostFactory(
            proposed_by=member,
            category=category,
            status=NewsPost.Status.SUBMITTED,
            published_at=None,
        )
        for _ in range(2)
    ]
    before = database_state()

    with mock.patch(
        f"news.admin.{service}",
        side_effect=fails_on_second_call(getattr(news_services, service)),
    ):
        response = editor_client.post(
            admin_url("news.newspost", "changelist"),
            {"action": action, "_selected_action": [p.pk for p in posts], **extra},
        )

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert database_state() == before


def test_an_admin_revert_from_the_history_failing_half_way_changes_nothing(
    editor_client, submitted
):
    submitted.title = "A changed title"
    submitted.save()
    first = submitted.history.earliest()
    url = reverse(
        "admin:news_newspost_simple_history", args=[submitted.pk, first.history_id]
    )
    form = editor_client.get(url).context["adminform"]
    # The revert form has no inlines.
    data = changeform_data(
        SimpleNamespace(context={"adminform": form, "inline_admin_formsets": []})
    )
    before = database_state()

    # The post and its history are saved; the admin's log entry fails.
    with mock.patch("news.admin.NewsPostAdmin.log_change", side_effect=LOST):
        response = editor_client.post(url, data)

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert database_state() == before
