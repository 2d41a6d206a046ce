"""The news API: posts' filters, search, ordering and pages."""

import datetime

import pytest

from alliances.models import Alliance
from tests import factories
from tests.news.api.utils import MADRID, POSTS, errors, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def posts(post, other_member):
    """Three public posts: 2 August 2021, 15 March 2022, 20 November 2023."""
    climate = factories.CategoryFactory(name="Climate", slug="climate")
    berlin = factories.NewsPostFactory(
        title="Berlin on housing",
        category=climate,
        summary="Affordable housing policies.",
        published_at=datetime.datetime(2022, 3, 15, 18, 30, tzinfo=MADRID),
    )
    dakar = factories.NewsPostFactory(
        title="Dakar on mobility",
        category=climate,
        published_at=datetime.datetime(2023, 11, 20, 9, 0, tzinfo=MADRID),
    )
    berlin.related_members.add(other_member)
    dakar.related_members.add(other_member)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"category": "climate"}, ["Dakar on mobility", "Berlin on housing"]),
        (
            {"member": "guangzhou"},
            ["Metropolis and Guangzhou sign a strategic alliance"],
        ),
        ({"member": "dakar"}, ["Dakar on mobility", "Berlin on housing"]),
        (
            {"alliance": "guangzhou-mou"},
            ["Metropolis and Guangzhou sign a strategic alliance"],
        ),
        ({"published_after": "2022-03-15"}, ["Dakar on mobility", "Berlin on housing"]),
        (
            {"published_before": "2022-03-15"},
            ["Berlin on housing", "Metropolis and Guangzhou sign a strategic alliance"],
        ),
        ({"published_after": "2022-03-15T19:00:00+01:00"}, ["Dakar on mobility"]),
        (
            {"published_before": "2022-03-15T18:00:00+01:00"},
            ["Metropolis and Guangzhou sign a strategic alliance"],
        ),
        (
            {"published_before": "2022-03-15T18:30:00"},
            ["Berlin on housing", "Metropolis and Guangzhou sign a strategic alliance"],
        ),
        (
            {"status": "published", "category": "climate"},
            ["Dakar on mobility", "Berlin on housing"],
        ),
        ({"status": "archived"}, []),
    ],
)
def test_posts_filter(api, posts, query, expected):
    assert titles(api.get(POSTS, query)) == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"category": "sports"}, "category"),
        ({"member": "atlantis"}, "member"),
        ({"alliance": "no-such-alliance"}, "alliance"),
        ({"published_after": "last week"}, "published_after"),
        ({"published_before": "2022-02-30"}, "published_before"),
        ({"published_before": "9999-12-31"}, "published_before"),
        ({"published_after": "2022-03-15T25:00"}, "published_after"),
        ({"status": "live"}, "status"),
    ],
)
def test_a_bad_post_filter_value_is_400_naming_it(api, posts, query, field):
    assert field in errors(api.get(POSTS, query))


def test_visitors_cannot_filter_on_a_draft_alliance(api, posts, member):
    factories.AllianceFactory(
        slug="secret",
        kind=Alliance.Kind.GRANTING_MEMBER,
        granting_member=member,
        signed_on=None,
    )

    assert "alliance" in errors(api.get(POSTS, {"alliance": "secret"}))


def test_posts_search_titles_and_summaries(api, posts):
    assert titles(api.get(POSTS, {"search": "mobility"})) == ["Dakar on mobility"]
    assert titles(api.get(POSTS, {"search": "affordable"})) == ["Berlin on housing"]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        (
            "published_at",
            [
                "Metropolis and Guangzhou sign a strategic alliance",
                "Berlin on housing",
                "Dakar on mobility",
            ],
        ),
        (
            "title",
            [
                "Berlin on housing",
                "Dakar on mobility",
                "Metropolis and Guangzhou sign a strategic alliance",
            ],
        ),
        (
            "-title",
            [
                "Metropolis and Guangzhou sign a strategic alliance",
                "Dakar on mobility",
                "Berlin on housing",
            ],
        ),
    ],
)
def test_posts_ordering(api, posts, ordering, expected):
    assert titles(api.get(POSTS, {"ordering": ordering})) == expected


def test_posts_come_latest_first_in_cursor_pages(api, posts):
    first = api.get(POSTS, {"page_size": 2}).json()
    second = api.get(first["next"]).json()
    back = api.get(second["previous"]).json()

    assert "count" not in first  # a count would cost a scan of every post
    assert [row["title"] for row in first["results"]] == [
        "Dakar on mobility",
        "Berlin on housing",
    ]
    assert first["previous"] is None
    assert [row["title"] for row in second["results"]] == [
        "Metropolis and Guangzhou sign a strategic alliance"
    ]
    assert second["next"] is None
    assert back["results"] == first["results"]
    assert back["previous"] is None


def test_posts_ordered_by_title_page_through_every_post(api, posts):
    titles_seen, url = [], POSTS + "?ordering=-title&page_size=1"
    while url:
        data = api.get(url).json()
        titles_seen += [row["title"] for row in data["results"]]
        url = data["next"]

    assert titles_seen == [
        "Metropolis and Guangzhou sign a strategic alliance",
        "Dakar on mobility",
        "Berlin on housing",
    ]


@pytest.mark.parametrize("cursor", ["junk", "eyJvIjpbXX0", "%00", "x" * 5000])
def test_a_cursor_not_given_by_the_list_is_a_400_naming_it(api, posts, cursor):
    response = api.get(POSTS, {"cursor": cursor})

    assert response.status_code == 400
    assert "cursor" in response.json()["errors"]


def test_a_cursor_of_another_order_is_a_400(api, posts):
    by_title = api.get(POSTS, {"ordering": "title", "page_size": 1}).json()
    cursor = by_title["next"].split("cursor=")[1].split("&")[0]

    response = api.get(POSTS, {"cursor": cursor, "page_size": 1})

    assert response.status_code == 400
    assert "cursor" in response.json()["errors"]


def test_the_secretariat_pages_through_drafts_too(editor_api, post, proposal):
    first = editor_api.get(POSTS, {"page_size": 1}).json()
    second = editor_api.get(first["next"]).json()

    slugs = {first["results"][0]["slug"], second["results"][0]["slug"]}
    assert slugs == {"guangzhou-alliance", "guangzhou-forum"}
    assert second["next"] is None
