"""A search for a common word counts up to a limit, not every match: the
admin says "More than N"; the API's and the site's news lists count nothing
(cursor pages)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.paginators import BoundedCountPaginator
from news.admin import NewsPostAdmin
from tests import factories
from tests.admin_utils import admin_url

pytestmark = pytest.mark.django_db

URL = admin_url("news.newspost", "changelist")
MADRID = ZoneInfo("Europe/Madrid")


@pytest.fixture
def harbours():
    """Five public posts with "harbour" in their title, one without."""
    at = datetime.datetime(2024, 5, 1, 12, tzinfo=MADRID)
    for number in range(5):
        factories.NewsPostFactory(
            title=f"Harbour news {number}",
            summary="Ships.",
            published_at=at - datetime.timedelta(days=number),
        )
    factories.NewsPostFactory(title="Parks", summary="Trees.", published_at=at)


def counts(captured) -> list[str]:
    return [query["sql"] for query in captured if "COUNT(" in query["sql"].upper()]


def test_a_search_past_the_limit_says_more_than_and_counts_no_further(
    editor_client, harbours, monkeypatch
):
    monkeypatch.setattr(BoundedCountPaginator, "limit", 3)
    monkeypatch.setattr(NewsPostAdmin, "list_per_page", 2)

    with CaptureQueriesContext(connection) as captured:
        response = editor_client.get(URL, {"q": "harbour"})

    html = response.content.decode()
    assert "More than 3 results" in html
    assert "More than 3 news posts" in html
    # Two pages of two reach the first three; the person narrows the search.
    assert response.context["cl"].paginator.num_pages == 2
    assert len(response.context["cl"].result_list) == 2
    (count,) = counts(captured)
    assert "LIMIT 4" in count.upper()


def test_a_search_within_the_limit_gives_its_exact_count(editor_client, harbours):
    response = editor_client.get(URL, {"q": "harbour"})

    html = response.content.decode()
    assert "5 results" in html and "More than" not in html
    assert [post.title for post in response.context["cl"].result_list] == [
        f"Harbour news {number}" for number in range(5)
    ]


def test_the_list_without_a_search_counts_every_post(editor_client, harbours):
    response = editor_client.get(URL)

    assert "6 news posts" in response.content.decode()


def test_the_api_news_search_counts_nothing(api, harbours):
    with CaptureQueriesContext(connection) as captured:
        response = api.get(reverse("api:newspost-list"), {"search": "harbour"})

    body = response.json()
    assert "count" not in body and len(body["results"]) == 5
    assert counts(captured) == []
