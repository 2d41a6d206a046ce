"""The stored body HTML: the model."""

import pytest
from django.utils.safestring import SafeString

from news.models import NewsPost
from tests import factories
from tests.news.body_html.utils import stored_html

pytestmark = pytest.mark.django_db


def test_a_new_post_stores_its_body_as_safe_html():
    post = factories.NewsPostFactory(body="The lab opens in **May**.")

    assert stored_html(post) == "<p>The lab opens in <strong>May</strong>.</p>"
    post.refresh_from_db()
    # Read back, it is still HTML to show, not text to escape.
    assert isinstance(post.body_html, SafeString)


def test_a_changed_body_stores_its_new_html():
    post = factories.NewsPostFactory(body="Before.")

    post.body = "*After*."
    post.save()

    assert stored_html(post) == "<p><em>After</em>.</p>"


def test_saving_the_body_field_alone_stores_its_html_too():
    post = factories.NewsPostFactory(body="Before.")

    post.body = "*After*."
    post.save(update_fields=["body"])

    assert stored_html(post) == "<p><em>After</em>.</p>"


def test_saving_other_fields_leaves_the_stored_html_alone(category, no_rendering):
    post = factories.NewsPostFactory.build(
        category=category, body="Before.", body_html="<p>Before.</p>"
    )
    post.save_base()  # stored without save(): nothing is rendered
    post.title = "A new title"

    post.save(update_fields=["title"])

    assert stored_html(post) == "<p>Before.</p>"


def test_a_post_read_without_its_body_saves_without_rendering(category, no_rendering):
    post = factories.NewsPostFactory.build(
        category=category, body="Body.", body_html="<p>Body.</p>"
    )
    post.save_base()
    partial = NewsPost.objects.only("pk", "title").get(pk=post.pk)

    partial.title = "A new title"
    partial.save()

    post.refresh_from_db()
    assert (post.title, post.body, post.body_html) == (
        "A new title",
        "Body.",
        "<p>Body.</p>",
    )


def test_the_history_keeps_the_body_not_its_html():
    history_fields = {field.name for field in NewsPost.history.model._meta.get_fields()}

    assert "body" in history_fields
    assert "body_html" not in history_fields
