import datetime

import pytest
from django.utils import timezone

from news.models import NewsPost
from news.services import news_archive, news_publish
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return factories.NewsPostFactory(status=NewsPost.Status.DRAFT, published_at=None)


def test_publish_makes_a_draft_public_now(draft, editor):
    news_publish(post=draft, by=editor)

    assert list(NewsPost.objects.published()) == [draft]


def test_publish_at_a_later_time_schedules_the_post(draft, editor):
    at = timezone.now() + datetime.timedelta(days=1)

    news_publish(post=draft, by=editor, at=at)

    draft.refresh_from_db()
    assert (draft.status, draft.published_at) == (NewsPost.Status.PUBLISHED, at)
    assert list(NewsPost.objects.scheduled()) == [draft]


def test_publish_records_who_published(draft, editor):
    news_publish(post=draft, by=editor)

    latest = draft.history.latest()
    assert (latest.status, latest.history_user) == (NewsPost.Status.PUBLISHED, editor)


def test_archive_takes_a_post_off_the_public_site(editor):
    post = factories.NewsPostFactory()

    news_archive(post=post, by=editor)

    assert not NewsPost.objects.published().exists()
    assert post.history.latest().history_user == editor
