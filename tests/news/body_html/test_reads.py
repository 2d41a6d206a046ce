"""The stored body HTML: reading renders nothing."""

from unittest import mock

import pytest
from django.urls import reverse

from news.markdown import render_markdown
from tests.news.body_html.utils import POSTS, make_posts

pytestmark = pytest.mark.django_db


def test_the_api_lists_a_hundred_posts_without_rendering(api, category, no_rendering):
    with mock.patch("news.models.render_markdown", render_markdown):
        make_posts(100, category)

    rows = api.get(POSTS, {"page_size": 100}).json()["results"]

    assert len(rows) == 100
    assert {row["body_html"] for row in rows} == {
        f"<p>Post <strong>{number}</strong>.</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>"
        for number in range(100)
    }
    no_rendering.assert_not_called()


def test_pages_and_feeds_show_posts_without_rendering(client, category, no_rendering):
    with mock.patch("news.models.render_markdown", render_markdown):
        post = make_posts(3, category)[0]

    responses = [
        client.get(reverse("news:post-list")),
        client.get(category.get_absolute_url()),
        client.get(reverse("news:feed")),
        client.get(post.get_absolute_url()),
    ]

    assert [response.status_code for response in responses] == [200] * 4
    assert "Post <strong>0</strong>." in responses[3].content.decode()
    assert "Post &lt;strong&gt;0&lt;/strong&gt;." in responses[2].content.decode()
    no_rendering.assert_not_called()
