"""The stored body HTML: the render_posts command."""

import importlib
from io import StringIO
from types import SimpleNamespace
from unittest import mock

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from news import markdown
from news.markdown import render_markdown
from news.models import NewsPost
from tests import factories
from tests.news.body_html.utils import make_posts, stored_html

pytestmark = pytest.mark.django_db


def render_posts(*args) -> str:
    out = StringIO()
    call_command("render_posts", *args, stdout=out)
    return out.getvalue()


def test_render_posts_stores_the_html_of_the_current_rules(category):
    posts = make_posts(5, category)
    NewsPost.objects.filter(pk__in=[posts[0].pk, posts[3].pk]).update(
        body_html="<p>Rendered by older rules.</p>"
    )
    before = {
        post.pk: (post.updated_at, post.history.count())
        for post in NewsPost.objects.all()
    }

    output = render_posts("--batch-size", "2")

    assert "5 posts rendered, 2 with new HTML stored." in output
    for post in NewsPost.objects.all():
        assert post.body_html == render_markdown(post.body)
        # The content is the same: no new update time, no history row.
        assert (post.updated_at, post.history.count()) == before[post.pk]


def test_render_posts_applies_changed_sanitizer_rules(category):
    post = factories.NewsPostFactory(
        category=category, body="A map: ![Map](https://www.metropolis.org/map.png)"
    )
    assert "<img" in stored_html(post)

    # The rules change: images are no longer allowed.
    with mock.patch.object(markdown, "ALLOWED_TAGS", markdown.ALLOWED_TAGS - {"img"}):
        output = render_posts()

    assert "1 posts rendered, 1 with new HTML stored." in output
    assert stored_html(post) == "<p>A map: </p>"


def test_render_posts_with_no_posts_says_so():
    assert "0 posts rendered, 0 with new HTML stored." in render_posts()


def test_the_migration_renders_the_html_of_the_posts_already_stored(category):
    migration = importlib.import_module(
        "news.migrations.0005_render_newspost_body_html"
    )
    posts = make_posts(7, category)
    NewsPost.objects.update(body_html="")

    with mock.patch.object(migration, "BATCH_SIZE", 3):
        migration.render_bodies(apps, SimpleNamespace(connection=connection))

    for post in posts:
        assert stored_html(post) == render_markdown(post.body)
