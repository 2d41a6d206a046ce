"""The news API: reading posts."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from alliances.models import Alliance
from news.models import NewsPost
from tests import factories
from tests.news.api.utils import POSTS, detail_url, titles

pytestmark = pytest.mark.django_db


def test_a_post_shows_what_a_reader_sees(api, post, member, mou):
    data = api.get(detail_url(post)).json()

    assert data["title"] == "Metropolis and Guangzhou sign a strategic alliance"
    assert data["category"]["name"] == "Urban Innovation"
    assert data["category"]["url"].endswith(
        reverse("api:category-detail", args=["urban-innovation"])
    )
    assert data["summary"] == "A memorandum of understanding for three years."
    assert data["status"] == "published"
    assert data["published_at"] == "2021-08-02T10:00:00+02:00"
    assert data["is_public"] is True
    assert [m["name"] for m in data["related_members"]] == ["Guangzhou"]
    assert [a["name"] for a in data["related_alliances"]] == ["Alliance with Guangzhou"]
    assert data["related_alliances"][0]["url"].endswith(
        reverse("api:alliance-detail", args=["guangzhou-mou"])
    )
    assert data["proposed_by"] is None


def test_a_post_body_comes_as_markdown_and_as_safe_html(api, post):
    data = api.get(detail_url(post)).json()

    assert data["body"].startswith("Signed **virtually**.")
    assert "<strong>virtually</strong>" in data["body_html"]
    assert "<script" not in data["body_html"]


def test_visitors_list_public_posts_only(api, post, proposal, urban_innovation):
    factories.NewsPostFactory(
        title="Scheduled",
        category=urban_innovation,
        published_at=timezone.now() + datetime.timedelta(days=1),
    )
    factories.NewsPostFactory(
        title="Archived",
        category=urban_innovation,
        status=NewsPost.Status.ARCHIVED,
    )
    factories.NewsPostFactory(
        title="Draft",
        category=urban_innovation,
        status=NewsPost.Status.DRAFT,
        published_at=None,
    )

    assert titles(api.get(POSTS)) == [
        "Metropolis and Guangzhou sign a strategic alliance"
    ]


@pytest.mark.parametrize(
    ("persona", "sees_it"),
    [
        ("anonymous", False),
        ("read_key", False),
        ("write_key", True),
        ("liaison", True),  # its own city's proposal
        ("other_liaison", False),
        ("editor", True),
    ],
)
def test_a_proposal_is_seen_by_the_secretariat_and_its_city(
    client_as, post, proposal, persona, sees_it
):
    client = client_as(persona)

    detail = client.get(detail_url(proposal))
    listed = titles(client.get(POSTS))

    assert detail.status_code == (HTTPStatus.OK if sees_it else HTTPStatus.NOT_FOUND)
    assert ("Guangzhou proposes a forum" in listed) is sees_it
    assert "Metropolis and Guangzhou sign a strategic alliance" in listed
    if sees_it:
        assert detail.json()["status"] == "submitted"
        assert detail.json()["proposed_by"]["name"] == "Guangzhou"


@pytest.mark.parametrize(
    ("persona", "sees_author"),
    [
        ("anonymous", False),
        ("read_key", False),
        ("write_key", True),
        ("liaison", False),
        ("other_liaison", False),
        ("editor", True),
    ],
)
def test_the_author_is_shown_to_the_secretariat_only(
    client_as, post, persona, sees_author
):
    client = client_as(persona)

    detail = client.get(detail_url(post)).json()
    row = client.get(POSTS).json()["results"][0]

    assert ("author" in detail) is sees_author
    assert ("author" in row) is sees_author
    if sees_author:
        assert detail["author"] == "editor"


def test_a_draft_alliance_stays_out_of_a_public_post(client_as, post, member):
    draft = factories.AllianceFactory(
        title="Draft with Guangzhou",
        kind=Alliance.Kind.GRANTING_MEMBER,
        granting_member=member,
        signed_on=None,
    )
    post.related_alliances.add(draft)

    public = client_as("anonymous").get(detail_url(post)).json()
    own = client_as("liaison").get(detail_url(post)).json()

    assert [a["name"] for a in public["related_alliances"]] == [
        "Alliance with Guangzhou"
    ]
    assert len(own["related_alliances"]) == 2
