"""A changelist's count is kept until one of its tables is written to
(core.counts through core.admin.HistoryAdmin): a second view counts no rows,
and a write through the admin or a service shows at once."""

from http import HTTPStatus

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import NewsPost
from news.services import news_publish
from tests import factories
from tests.admin_utils import admin_url
from tests.metropolis.test_admin_common import ADMIN_MODELS

pytestmark = pytest.mark.django_db


def counts(queries) -> list[str]:
    """The queries that count a list's rows."""
    return [
        query["sql"] for query in queries if query["sql"].startswith("SELECT COUNT(")
    ]


@pytest.mark.parametrize("label", ADMIN_MODELS)
def test_a_second_view_does_not_count_the_rows_again(editor_client, label):
    ADMIN_MODELS[label].factory.create_batch(3)
    url = admin_url(label, "changelist")
    with CaptureQueriesContext(connection) as first:
        editor_client.get(url)

    with CaptureQueriesContext(connection) as second:
        response = editor_client.get(url)

    assert response.context["cl"].result_count == 3
    assert len(second) == len(first) - 1
    assert counts(first) and not counts(second)


@pytest.mark.parametrize("label", ADMIN_MODELS)
def test_a_row_deleted_through_the_admin_leaves_the_count(editor_client, label):
    rows = ADMIN_MODELS[label].factory.create_batch(3)
    url = admin_url(label, "changelist")
    editor_client.get(url)

    response = editor_client.post(
        url,
        {
            "action": "delete_selected",
            ACTION_CHECKBOX_NAME: [rows[0].pk],
            "post": "yes",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    response = editor_client.get(url)

    assert response.context["cl"].result_count == 2


def test_a_post_published_through_the_service_leaves_the_proposals_count(
    editor_client, editor
):
    posts = factories.NewsPostFactory.create_batch(3, status=NewsPost.Status.SUBMITTED)
    url = admin_url("news.newspost", "changelist")
    proposals = {"status__exact": NewsPost.Status.SUBMITTED}
    assert editor_client.get(url, proposals).context["cl"].result_count == 3

    news_publish(post=posts[0], by=editor)
    response = editor_client.get(url, proposals)

    assert response.context["cl"].result_count == 2
    assert f"2 {NewsPost._meta.verbose_name_plural}" in response.content.decode()


def test_a_search_seen_again_does_not_count_again(editor_client):
    factories.NewsPostFactory.create_batch(2, title="Harbour news")
    url = admin_url("news.newspost", "changelist")
    with CaptureQueriesContext(connection) as first:
        editor_client.get(url, {"q": "harbour"})

    with CaptureQueriesContext(connection) as second:
        response = editor_client.get(url, {"q": "harbour"})

    assert response.context["cl"].result_count == 2
    assert counts(first) and not counts(second)


def test_a_post_written_through_the_admin_shows_in_a_search_seen_before(
    editor_client, editor
):
    post, _other = factories.NewsPostFactory.create_batch(2, title="Harbour news")
    url = admin_url("news.newspost", "changelist")
    editor_client.get(url, {"q": "harbour"})

    response = editor_client.post(
        url,
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [post.pk], "post": "yes"},
    )
    assert response.status_code == HTTPStatus.FOUND
    response = editor_client.get(url, {"q": "harbour"})

    assert response.context["cl"].result_count == 1
