"""The bench's posts baseline (bench/baseline_posts.py) answers what the API
post list answers a read key for the same data, field by field and the next
link's cursor included: what its docstring leaves out (the texts' fallback
from English, U+2028 escaping) is absent from this data."""

import datetime
from http import HTTPStatus

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from bench.baseline_posts import posts_page
from news.models import NewsPost
from tests import factories

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


@pytest.fixture
def posts(member, other_member):
    """Public posts that differ in every way the list shows, and posts it
    does not show (a draft, a scheduled one)."""
    now = timezone.now()
    category = factories.CategoryFactory(name="Water news", slug="water-news")
    water = factories.AllianceFactory(title="Water")
    air = factories.AllianceFactory(title="Air")
    draft = factories.AllianceFactory(
        title="Draft", signed_on=None, start_date=None, term_years=None
    )
    first = factories.NewsPostFactory(
        title="First",
        category=category,
        summary="«Eau» — 水",
        proposed_by=member,
        lead_image="0123456789abcdef0123456789abcdef:800x600",
        lead_image_alt="A river",
        lead_image_caption="Photo: the city",
    )
    first.related_members.set([member, other_member])
    first.related_alliances.set([water, air, draft])
    # Two posts at the same time: the id breaks the tie.
    same_time = now - datetime.timedelta(days=3)
    for title in ("Twin one", "Twin two"):
        factories.NewsPostFactory(title=title, published_at=same_time)
    # No text at all for the image, as bulk data leaves it (NULL columns).
    NewsPost.objects.filter(title_en="Twin one").update(
        lead_image_alt_en=None, lead_image_caption_en=None
    )
    factories.NewsPostFactory(
        published_at=now - datetime.timedelta(days=400)
    ).related_members.set([other_member])
    factories.NewsPostFactory(status=NewsPost.Status.DRAFT)
    factories.NewsPostFactory(published_at=now + datetime.timedelta(days=2))


def baseline(page_size: int) -> dict:
    connection.ensure_connection()
    return posts_page(connection.connection, BASE, page_size)


@pytest.mark.parametrize("page_size", [100, 2])
def test_posts_baseline_answers_as_the_api(client_as, posts, page_size):
    response = client_as("read_key").get(
        reverse("api:newspost-list"), {"page_size": page_size}
    )

    assert response.status_code == HTTPStatus.OK
    api, bare = response.json(), baseline(page_size)
    assert [post["title"] for post in bare["results"]] == [
        post["title"] for post in api["results"]
    ]
    for api_post, bare_post in zip(api["results"], bare["results"], strict=True):
        assert list(bare_post) == list(api_post)
        for name, value in api_post.items():
            assert bare_post[name] == value, name
    assert bare == api


def test_posts_baseline_shows_the_lead_image_and_related_lists(client_as, posts):
    [first] = [post for post in baseline(100)["results"] if post["title"] == "First"]

    assert first["lead_image"]["url"].endswith("-800.jpg")
    assert [city["name"] for city in first["related_members"]] == [
        "Dakar",
        "Guangzhou",
    ]
    assert [alliance["name"] for alliance in first["related_alliances"]] == [
        "Air",
        "Water",
    ]
