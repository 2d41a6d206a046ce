"""The stored body HTML: the API."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from news.markdown import render_markdown
from news.models import NewsPost
from tests.news.body_html.utils import POSTS, assert_inert, stored_html
from tests.news.test_views import UNSAFE_MARKDOWN

pytestmark = pytest.mark.django_db


def test_a_post_written_and_changed_through_the_api_stores_its_html(editor, category):
    api = APIClient()
    api.force_login(editor)
    created = api.post(
        POSTS,
        {
            "title": "Guangzhou hosts the award",
            "slug": "guangzhou-award",
            "category_slug": category.slug,
            "body": "Held in *November*.",
        },
    ).json()
    assert created["body_html"] == "<p>Held in <em>November</em>.</p>"

    url = reverse("api:newspost-detail", args=["guangzhou-award"])
    etag = api.get(url)["ETag"]
    changed = api.patch(url, {"body": UNSAFE_MARKDOWN}, HTTP_IF_MATCH=etag).json()

    assert changed["body_html"] == render_markdown(UNSAFE_MARKDOWN)
    assert_inert(changed["body_html"])
    assert stored_html(NewsPost.objects.get()) == changed["body_html"]


def test_the_api_ignores_html_sent_by_a_writer(editor, category):
    api = APIClient()
    api.force_login(editor)

    api.post(
        POSTS,
        {
            "title": "Guangzhou hosts the award",
            "slug": "guangzhou-award",
            "category_slug": category.slug,
            "body": "Held in *November*.",
            "body_html": "<script>alert(1)</script>",
        },
    )

    assert stored_html(NewsPost.objects.get()) == "<p>Held in <em>November</em>.</p>"
