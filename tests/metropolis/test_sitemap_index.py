"""/sitemap.xml's index: its sections' page counts and the news section's
latest change are kept until what they count changes (core.counts), so the
index costs the same whatever the data, and is never stale."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import NewsPost
from publicdata import sitemaps
from tests import factories

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def news_pages(client) -> int:
    """How many pages of the news section the index lists."""
    root = ET.fromstring(client.get(reverse("sitemap")).content)
    news = "http://testserver" + reverse("sitemap-section", kwargs={"section": "news"})
    return sum(1 for loc in root.iterfind(".//sm:loc", NS) if loc.text.startswith(news))


def latest_change(client) -> datetime.datetime:
    """The news section's date in the index."""
    root = ET.fromstring(client.get(reverse("sitemap")).content)
    news = root.find(
        ".//sm:sitemap[sm:loc='http://testserver/sitemap-news.xml']/sm:lastmod", NS
    )
    return datetime.datetime.fromisoformat(news.text)


@pytest.fixture
def two_a_page(monkeypatch):
    monkeypatch.setattr(sitemaps.NewsSitemap, "limit", 2)


@pytest.mark.parametrize("size", [2, 12])
def test_the_index_costs_the_same_queries_whatever_the_data(
    client, size, django_assert_max_num_queries
):
    for _ in range(size):
        factories.MemberCityFactory()
        factories.AllianceFactory()
        factories.NewsPostFactory()
    client.get(reverse("sitemap"))  # counts kept

    # The tables' versions, the next scheduled post's time, and the meetings'
    # count (a short table without versions: counted every time).
    with django_assert_max_num_queries(3):
        client.get(reverse("sitemap"))


def test_a_new_post_adds_its_page_at_once(client, two_a_page):
    factories.NewsPostFactory.create_batch(2)
    assert news_pages(client) == 1

    factories.NewsPostFactory()

    assert news_pages(client) == 2


def test_a_scheduled_post_adds_its_page_when_its_time_comes(
    client, two_a_page, monkeypatch
):
    factories.NewsPostFactory.create_batch(2)
    due = timezone.now() + datetime.timedelta(hours=1)
    factories.NewsPostFactory(published_at=due)
    assert news_pages(client) == 1

    later = due + datetime.timedelta(seconds=1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)

    assert news_pages(client) == 2


def test_a_post_withdrawn_takes_its_page_away(client, two_a_page):
    posts = factories.NewsPostFactory.create_batch(3)
    assert news_pages(client) == 2

    NewsPost.objects.filter(pk=posts[0].pk).update(status=NewsPost.Status.ARCHIVED)

    assert news_pages(client) == 1


def test_the_news_sections_date_is_its_latest_change(client):
    older, newer = factories.NewsPostFactory.create_batch(2)
    factories.NewsPostFactory(status=NewsPost.Status.DRAFT, published_at=None)
    assert latest_change(client) == newer.updated_at

    older.title = "Changed"
    older.save()

    assert latest_change(client) == older.updated_at
