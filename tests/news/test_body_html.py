"""A post's body is rendered to safe HTML when it is written, and stored: every
way of writing a post stores the right HTML, and reading never renders."""

import importlib
import json
from io import StringIO
from types import SimpleNamespace
from unittest import mock

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils.safestring import SafeString
from rest_framework.test import APIClient

from news import markdown
from news.markdown import render_markdown
from news.models import NewsPost
from news.services import news_propose, news_resubmit
from tests import factories
from tests.admin_utils import admin_url, changeform_data
from tests.news.test_views import UNSAFE_MARKDOWN

pytestmark = pytest.mark.django_db

POSTS = reverse("api:newspost-list")
CHANGELIST = "news.newspost"


def stored_html(post: NewsPost) -> str:
    return NewsPost.objects.values_list("body_html", flat=True).get(pk=post.pk)


def assert_inert(html: str) -> None:
    lowered = html.lower()
    assert "<script" not in lowered
    assert "onerror" not in lowered
    assert "javascript:" not in lowered


@pytest.fixture
def no_rendering():
    """Any call of the renderer fails: what passes renders nothing."""
    with mock.patch(
        "news.models.render_markdown", side_effect=AssertionError("rendered")
    ) as renderer:
        yield renderer


@pytest.fixture
def category():
    return factories.CategoryFactory(name="Urban Innovation", slug="urban-innovation")


# The model


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


# The services and the portal


def test_a_proposal_and_its_resubmission_store_their_html(member, liaison, category):
    data = {"title": "A forum", "category": category, "body": "On **3 May**."}
    post = news_propose(member=member, author=liaison, data=data)
    assert stored_html(post) == "<p>On <strong>3 May</strong>.</p>"

    NewsPost.objects.filter(pk=post.pk).update(status=NewsPost.Status.DRAFT)
    news_resubmit(post=post, by=liaison, data={"body": "On **5 May**."})

    assert stored_html(post) == "<p>On <strong>5 May</strong>.</p>"


def test_a_portal_proposal_and_its_change_store_their_html(client, liaison, category):
    client.force_login(liaison)
    data = {
        "title": "Guangzhou opens a climate lab",
        "category": category.pk,
        "summary": "A lab.",
        "body": "The lab opens in **May**.",
    }
    client.post(reverse("portal:proposal-create"), {**data, "submit": "1"})
    post = NewsPost.objects.get()
    assert stored_html(post) == "<p>The lab opens in <strong>May</strong>.</p>"

    NewsPost.objects.filter(pk=post.pk).update(status=NewsPost.Status.DRAFT)
    client.post(
        reverse("portal:proposal-edit", args=[post.pk]),
        {**data, "body": UNSAFE_MARKDOWN},
    )

    post.refresh_from_db()
    assert post.status == NewsPost.Status.SUBMITTED
    assert post.body == UNSAFE_MARKDOWN
    assert post.body_html == render_markdown(UNSAFE_MARKDOWN)
    assert_inert(post.body_html)
    page = client.get(reverse("portal:proposal-detail", args=[post.pk]))
    assert "<p>Hello" in page.content.decode()
    assert_inert(page.content.decode())


# The admin


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


# The API


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


# Reading renders nothing


def make_posts(count: int, category) -> list[NewsPost]:
    return [
        factories.NewsPostFactory(
            category=category, body=f"Post **{number}**.\n\n- a\n- b"
        )
        for number in range(count)
    ]


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


# Backups


def dump(*posts) -> list[dict]:
    return json.loads(serializers.serialize("json", posts))


def load(rows: list[dict], tmp_path) -> str:
    path = tmp_path / "posts.json"
    path.write_text(json.dumps(rows))
    out = StringIO()
    call_command("loaddata", str(path), stdout=out)
    return out.getvalue()


def test_loading_a_dump_keeps_its_html(tmp_path, category):
    post = factories.NewsPostFactory(category=category, body="**Dumped**.")
    rows = dump(post)
    rows[0]["fields"]["body_html"] = "<p><strong>Dumped</strong> as it was.</p>"
    NewsPost.objects.all().delete()

    load(rows, tmp_path)

    assert stored_html(post) == "<p><strong>Dumped</strong> as it was.</p>"


def test_loading_a_dump_from_before_the_html_was_stored_renders_it(tmp_path, category):
    post = factories.NewsPostFactory(category=category, body="**Old** backup.")
    rows = dump(post)
    del rows[0]["fields"]["body_html"]
    NewsPost.objects.all().delete()

    load(rows, tmp_path)

    assert stored_html(post) == "<p><strong>Old</strong> backup.</p>"


# render_posts


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
