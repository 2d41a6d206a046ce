"""The stored body HTML: the admin."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from news.markdown import render_markdown
from news.models import NewsPost
from tests import factories
from tests.admin_utils import admin_url, changeform_data
from tests.news.body_html.utils import CHANGELIST, assert_inert, stored_html
from tests.news.test_views import UNSAFE_MARKDOWN

pytestmark = pytest.mark.django_db


def test_an_editor_writes_and_changes_a_post_in_the_admin(editor_client, category):
    form = changeform_data(editor_client.get(admin_url(CHANGELIST, "add")))
    form |= {
        "title": "Guangzhou hosts the award",
        "slug": "guangzhou-award",
        "category": category.pk,
        "body": "Held in *November*.",
        "status": NewsPost.Status.DRAFT,
    }
    editor_client.post(admin_url(CHANGELIST, "add"), form)
    post = NewsPost.objects.get()
    assert stored_html(post) == "<p>Held in <em>November</em>.</p>"

    change = admin_url(CHANGELIST, "change", post.pk)
    form = changeform_data(editor_client.get(change))
    editor_client.post(change, {**form, "body": UNSAFE_MARKDOWN})

    assert stored_html(post) == render_markdown(UNSAFE_MARKDOWN)
    assert_inert(stored_html(post))


def test_the_admin_offers_no_field_for_the_html(editor_client):
    post = factories.NewsPostFactory()

    form = editor_client.get(admin_url(CHANGELIST, "change", post.pk)).context[
        "adminform"
    ]

    assert "body_html" not in form.form.fields


@pytest.mark.parametrize("action", ["publish_posts", "archive_posts"])
def test_publishing_or_archiving_keeps_the_html(editor_client, action):
    post = factories.NewsPostFactory(
        body="Held in *November*.", status=NewsPost.Status.DRAFT, published_at=None
    )
    if action == "archive_posts":
        post.status = NewsPost.Status.PUBLISHED
        post.published_at = post.created_at
        post.save()

    editor_client.post(
        admin_url(CHANGELIST, "changelist"),
        {"action": action, "_selected_action": [post.pk]},
    )

    post.refresh_from_db()
    assert post.status != NewsPost.Status.DRAFT
    assert post.body_html == "<p>Held in <em>November</em>.</p>"


def test_reverting_to_a_past_version_stores_that_versions_html(editor_client):
    post = factories.NewsPostFactory(body="First **version**.")
    post.body = "Second version."
    post.save()
    first = post.history.earliest()
    url = reverse(
        "admin:news_newspost_simple_history", args=[post.pk, first.history_id]
    )
    form = editor_client.get(url).context["adminform"]
    data = changeform_data(
        SimpleNamespace(context={"adminform": form, "inline_admin_formsets": []})
    )

    editor_client.post(url, data)

    post.refresh_from_db()
    assert post.body == "First **version**."
    assert post.body_html == "<p>First <strong>version</strong>.</p>"
