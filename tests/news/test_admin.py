import datetime
import re
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import NewsPost
from tests import factories
from tests.admin_utils import admin_url, changeform_data

pytestmark = pytest.mark.django_db

CHANGELIST = "news.newspost"


def draft(**kwargs) -> NewsPost:
    return factories.NewsPostFactory(
        status=NewsPost.Status.DRAFT, published_at=None, **kwargs
    )


def run_action(client, action: str, *posts: NewsPost):
    return client.post(
        admin_url(CHANGELIST, "changelist"),
        {"action": action, "_selected_action": [post.pk for post in posts]},
        follow=True,
    )


def test_publish_action_publishes_the_selected_posts(editor_client):
    first, second, left_alone = draft(), draft(), draft()

    response = run_action(editor_client, "publish_posts", first, second)

    assert "2 posts published." in response.content.decode()
    assert list(NewsPost.objects.published().order_by("pk")) == [first, second]
    left_alone.refresh_from_db()
    assert left_alone.status == NewsPost.Status.DRAFT


def test_published_post_history_names_the_editor(editor_client, editor):
    post = draft()

    run_action(editor_client, "publish_posts", post)

    latest = post.history.latest()
    assert latest.status == NewsPost.Status.PUBLISHED
    assert latest.history_user == editor
    history = editor_client.get(admin_url(CHANGELIST, "history", post.pk))
    assert f">{editor.username}</a>" in history.content.decode()


def test_publish_action_keeps_a_scheduled_time(editor_client):
    scheduled = timezone.now().replace(microsecond=0) + datetime.timedelta(days=2)
    post = draft()
    NewsPost.objects.filter(pk=post.pk).update(published_at=scheduled)

    run_action(editor_client, "publish_posts", post)

    post.refresh_from_db()
    assert post.status == NewsPost.Status.PUBLISHED
    assert post.published_at == scheduled


def test_archive_action_archives_the_selected_posts(editor_client):
    post, left_alone = factories.NewsPostFactory.create_batch(2)

    response = run_action(editor_client, "archive_posts", post)

    assert "1 post archived." in response.content.decode()
    assert list(NewsPost.objects.published()) == [left_alone]
    post.refresh_from_db()
    assert post.status == NewsPost.Status.ARCHIVED


def test_post_list_shows_each_post_visibility(editor_client):
    factories.NewsPostFactory(title="Out now")
    factories.NewsPostFactory(
        title="Next week", published_at=timezone.now() + datetime.timedelta(days=7)
    )
    draft(title="Unfinished")

    response = editor_client.get(admin_url(CHANGELIST, "changelist"))

    rows = re.findall(
        r'class="field-title"><a [^>]+>([^<]+)</a>.*?class="field-visibility">([^<]+)<',
        response.content.decode(),
    )
    visibility = dict(rows)
    assert visibility == {
        "Out now": "Public",
        "Next week": "Scheduled",
        "Unfinished": "Not public",
    }


def test_new_post_is_signed_by_the_editor_writing_it(editor_client, editor):
    response = editor_client.get(admin_url(CHANGELIST, "add"))

    assert response.context["adminform"].form["author"].value() == editor.pk


def test_published_post_without_publish_time_is_refused_on_the_field(editor_client):
    category = factories.CategoryFactory()
    url = admin_url(CHANGELIST, "add")
    data = changeform_data(editor_client.get(url))
    data.update(
        {
            "title": "Guangzhou joins",
            "slug": "guangzhou-joins",
            "category": category.pk,
            "status": NewsPost.Status.PUBLISHED,
        }
    )

    response = editor_client.post(url, data)

    assert response.status_code == HTTPStatus.OK
    assert response.context["adminform"].form.errors["published_at"] == [
        "A published post needs its publish time."
    ]
    assert not NewsPost.objects.exists()


def test_editor_finds_member_cities_to_relate_to_a_post(editor_client, member):
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "news",
            "model_name": "newspost",
            "field_name": "related_members",
            "term": "guang",
        },
    )

    assert response.json()["results"] == [{"id": str(member.pk), "text": "Guangzhou"}]
