"""The post list from the API cache: every write that changes what it shows
changes its answer at once, and a scheduled post shows from its time on."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from members.models import MemberCity
from news.models import Category, NewsPost
from news.services import news_publish
from tests import factories
from tests.admin_utils import admin_url, changeform_data
from tests.api_utils import WRITE_KEY
from tests.metropolis.api_cache.utils import POSTS, cached, read_again

pytestmark = pytest.mark.django_db

TABLE = "news_newspost"


@pytest.fixture
def post(member, editor):
    post = factories.NewsPostFactory(
        title="Metropolis and Guangzhou sign an alliance",
        slug="guangzhou-alliance",
        category=factories.CategoryFactory(name="Urban Innovation", slug="urban"),
        author=editor,
    )
    post.related_members.add(member)
    return post


def test_a_post_published_through_the_service_shows_at_once(api, post, editor):
    draft = factories.NewsPostFactory(
        title="Dakar hosts the forum", status=NewsPost.Status.DRAFT, published_at=None
    )
    before = cached(api, POSTS, TABLE)
    news_publish(post=draft, by=editor)

    after = read_again(api, POSTS)
    assert b"Dakar hosts the forum" not in before
    assert b"Dakar hosts the forum" in after


def test_a_category_renamed_in_the_admin_shows_at_once(api, editor_client, post):
    before = cached(api, POSTS, TABLE)
    url = admin_url("news.category", "change", post.category.pk)
    data = changeform_data(editor_client.get(url)) | {"name": "Smart Cities"}
    editor_client.post(url, data)

    after = read_again(api, POSTS)
    assert b"Urban Innovation" in before
    assert b"Smart Cities" in after


def test_a_category_renamed_by_queryset_update_shows_at_once(api, post):
    before = cached(api, POSTS, TABLE)
    Category.objects.filter(pk=post.category_id).update(name="Smart Cities")

    assert b"Smart Cities" in read_again(api, POSTS) != before


def test_related_cities_linked_through_the_api_show_at_once(
    api, api_as, post, other_member
):
    before = cached(api, POSTS, TABLE)
    api_as(WRITE_KEY).patch(
        f"{POSTS}{post.slug}/", {"related_member_slugs": ["dakar", "guangzhou"]}
    )

    after = read_again(api, POSTS)
    assert b"Dakar" not in before
    assert b"Dakar" in after


def test_a_related_city_added_and_removed_shows_at_once(api, post, other_member):
    before = cached(api, POSTS, TABLE)
    post.related_members.add(other_member)
    added = read_again(api, POSTS)
    post.related_members.remove(other_member)

    assert b"Dakar" not in before
    assert b"Dakar" in added
    assert read_again(api, POSTS) == before


def test_a_related_city_renamed_shows_at_once(api, post, member):
    before = cached(api, POSTS, TABLE)
    MemberCity.objects.filter(pk=member.pk).update(name="Canton")

    assert b"Canton" in read_again(api, POSTS) != before


def test_a_related_alliance_renamed_shows_at_once(api, post):
    alliance = factories.AllianceFactory(title="Alliance with Guangzhou")
    post.related_alliances.add(alliance)
    before = cached(api, POSTS, TABLE)
    alliance.title = "Guangzhou MoU"
    alliance.save()

    assert b"Guangzhou MoU" in read_again(api, POSTS) != before


def test_posts_added_by_bulk_create_show_at_once(api, post):
    before = cached(api, POSTS, TABLE)
    NewsPost.objects.bulk_create(
        [factories.NewsPostFactory.build(title="Bulk news", category=post.category)]
    )

    assert b"Bulk news" in read_again(api, POSTS) != before


def test_a_deleted_post_leaves_at_once(api, post):
    before = cached(api, POSTS, TABLE)
    post.delete()

    after = read_again(api, POSTS)
    assert b"guangzhou-alliance" in before
    assert b"guangzhou-alliance" not in after


def test_the_authors_new_username_shows_to_the_secretariat_at_once(
    editor_api, post, editor
):
    before = cached(editor_api, POSTS, TABLE)
    get_user_model().objects.filter(pk=editor.pk).update(username="chief-editor")

    after = read_again(editor_api, POSTS)
    assert b'"author":"editor"' in before
    assert b'"author":"chief-editor"' in after


def test_a_scheduled_post_shows_from_its_time_on(api, post, at):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    noon = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(12)))
    factories.NewsPostFactory(title="The congress opens", published_at=noon)
    at(noon - datetime.timedelta(minutes=1))
    before = cached(api, POSTS, TABLE)
    at(noon)

    after = read_again(api, POSTS)
    assert b"The congress opens" not in before
    assert b"The congress opens" in after
