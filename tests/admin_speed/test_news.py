"""The news post changelist at 200,000 posts: no body read for the list, the
search through the full-text index, a year filter in place of the date
hierarchy."""

import datetime
from http import HTTPStatus
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import NewsPost
from tests import factories
from tests.admin_utils import admin_url

pytestmark = pytest.mark.django_db

URL = admin_url("news.newspost", "changelist")
MADRID = ZoneInfo("Europe/Madrid")


def post(title="A post", summary="A summary.", *, at=None) -> NewsPost:
    return factories.NewsPostFactory(
        title=title,
        summary=summary,
        published_at=at or datetime.datetime(2024, 5, 1, 12, tzinfo=MADRID),
    )


def listed(response) -> list[str]:
    return [post.title for post in response.context["cl"].result_list]


def test_the_list_reads_no_body(editor_client):
    post(), post()

    with CaptureQueriesContext(connection) as captured:
        response = editor_client.get(URL)

    assert len(listed(response)) == 2
    reads = [query["sql"] for query in captured if "news_newspost" in query["sql"]]
    assert reads
    assert not [sql for sql in reads if '"body' in sql]


def test_search_finds_posts_by_the_start_of_a_word_of_title_or_summary(
    editor_client,
):
    post("Harbour renewal in Busan")
    post("Budget", summary="The harbour's new quays.")
    post("Charbonnier visits")

    response = editor_client.get(URL, {"q": "HARB"})

    assert sorted(listed(response)) == ["Budget", "Harbour renewal in Busan"]


def test_search_needs_every_word(editor_client):
    post("Harbour renewal in Busan")
    post("Harbour of Dakar")

    response = editor_client.get(URL, {"q": "harbour busan"})

    assert listed(response) == ["Harbour renewal in Busan"]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the full-text index is PostgreSQL's"
)
def test_search_goes_through_the_full_text_index_not_like(editor_client):
    post("Harbour renewal in Busan")

    with CaptureQueriesContext(connection) as captured:
        editor_client.get(URL, {"q": "harbour"})

    searches = [query["sql"] for query in captured if "to_tsvector" in query["sql"]]
    assert searches
    assert not [sql for sql in searches if "LIKE" in sql.upper()]


def test_the_year_filter_lists_every_year_from_the_latest_post_to_the_first(
    editor_client,
):
    post(at=datetime.datetime(2019, 3, 1, tzinfo=MADRID))
    post(at=datetime.datetime(2021, 12, 31, 23, 30, tzinfo=MADRID))

    response = editor_client.get(URL)

    [years] = [
        spec
        for spec in response.context["cl"].filter_specs
        if spec.expected_parameters() == ["published_at__year"]
    ]
    choices = [choice["display"] for choice in years.choices(response.context["cl"])]
    assert choices == ["All", "2021", "2020", "2019"]


def test_the_year_filter_keeps_the_posts_of_that_year_in_madrid(editor_client):
    # Half past midnight on New Year's Day in Madrid is still 2020 in UTC.
    post("New Year", at=datetime.datetime(2021, 1, 1, 0, 30, tzinfo=MADRID))
    post("Autumn", at=datetime.datetime(2020, 10, 1, tzinfo=MADRID))

    response = editor_client.get(URL, {"published_at__year": "2021"})

    assert listed(response) == ["New Year"]


@pytest.mark.parametrize("year", ["abc", "99999", "0", "-5"])
def test_a_year_that_is_no_year_is_refused_as_the_admin_does(editor_client, year):
    post()

    response = editor_client.get(URL, {"published_at__year": year})

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == f"{URL}?e=1"


def test_the_list_has_no_date_hierarchy(editor_client):
    post()

    response = editor_client.get(URL)

    assert response.context["cl"].date_hierarchy is None


def test_alliances_are_filtered_by_the_year_of_signing(editor_client):
    factories.AllianceFactory(title="Old", signed_on=datetime.date(2015, 6, 1))
    factories.AllianceFactory(title="Recent", signed_on=datetime.date(2022, 6, 1))

    response = editor_client.get(
        admin_url("alliances.alliance", "changelist"), {"signed_on__year": "2022"}
    )

    assert [a.title for a in response.context["cl"].result_list] == ["Recent"]
