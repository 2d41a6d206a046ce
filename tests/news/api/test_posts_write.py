"""The news API: writing posts."""

from http import HTTPStatus

import pytest

from alliances.models import Alliance
from news.models import NewsPost
from tests import factories
from tests.news.api.utils import POSTS, detail_url, errors, titles

pytestmark = pytest.mark.django_db


def new_post(**changes) -> dict:
    return {
        "title": "Guangzhou hosts the innovation award",
        "slug": "guangzhou-award",
        "category_slug": "urban-innovation",
        "summary": "The award ceremony.",
        "body": "Held in *November*.",
        "related_member_slugs": ["guangzhou"],
        **changes,
    }


def test_a_liaison_proposes_a_post_for_review(
    liaison_api, liaison, member, mou, urban_innovation
):
    response = liaison_api.post(
        POSTS,
        new_post(
            status="published",
            published_at="2021-01-01T00:00:00Z",
            related_alliance_slugs=["guangzhou-mou"],
        ),
    )

    assert response.status_code == HTTPStatus.CREATED, response.content
    data = response.json()
    assert data["status"] == "submitted"
    assert data["published_at"] is None
    assert data["is_public"] is False
    assert data["proposed_by"]["name"] == "Guangzhou"
    assert "author" not in data
    # The slug is made from the title, as in the portal: not the one sent.
    post = NewsPost.objects.get(slug="guangzhou-hosts-the-innovation-award")
    assert (post.status, post.proposed_by, post.author) == (
        NewsPost.Status.SUBMITTED,
        member,
        liaison,
    )
    assert list(post.related_alliances.all()) == [mou]
    assert post.history.latest().history_user == liaison


def test_a_liaisons_proposal_is_not_public(liaison_api, api, urban_innovation):
    created = liaison_api.post(POSTS, new_post(status="published"))

    assert created.status_code == HTTPStatus.CREATED
    assert api.get(created["Location"]).status_code == HTTPStatus.NOT_FOUND
    assert titles(api.get(POSTS)) == []


def test_a_liaison_cannot_link_another_citys_draft_alliance(
    liaison_api, urban_innovation, other_member
):
    factories.AllianceFactory(
        slug="dakar-draft",
        kind=Alliance.Kind.GRANTING_MEMBER,
        granting_member=other_member,
        signed_on=None,
    )

    response = liaison_api.post(POSTS, new_post(related_alliance_slugs=["dakar-draft"]))

    assert "related_alliance_slugs" in errors(response)
    assert not NewsPost.objects.exists()


@pytest.mark.parametrize(
    ("method", "status"),
    [
        # With the editors: only a proposal returned to the city can change.
        ("put", HTTPStatus.CONFLICT),
        ("patch", HTTPStatus.CONFLICT),
        ("delete", HTTPStatus.FORBIDDEN),
    ],
)
def test_a_liaison_cannot_change_its_proposal_under_review(
    liaison_api, proposal, method, status
):
    response = getattr(liaison_api, method)(
        detail_url(proposal), new_post(slug=proposal.slug, status="published")
    )

    assert response.status_code == status
    proposal.refresh_from_db()
    assert proposal.status == NewsPost.Status.SUBMITTED


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", HTTPStatus.UNAUTHORIZED), ("read_key", HTTPStatus.FORBIDDEN)],
)
def test_visitors_and_read_keys_do_not_write_posts(
    client_as, post, urban_innovation, persona, status
):
    client = client_as(persona)

    created = client.post(POSTS, new_post())
    changed = client.patch(detail_url(post), {"title": "Changed"})
    deleted = client.delete(detail_url(post))

    assert (created.status_code, changed.status_code, deleted.status_code) == (
        status,
        status,
        status,
    )
    assert NewsPost.objects.get().title == post.title


def test_an_editor_publishes_a_post(editor_api, editor, urban_innovation, member):
    response = editor_api.post(
        POSTS,
        new_post(status="published", published_at="2024-05-01T09:00:00+02:00"),
    )

    assert response.status_code == HTTPStatus.CREATED, response.content
    data = response.json()
    assert (data["status"], data["is_public"], data["author"]) == (
        "published",
        True,
        "editor",
    )
    assert data["proposed_by"] is None
    assert data["body_html"] == "<p>Held in <em>November</em>.</p>"
    post = NewsPost.objects.get(slug="guangzhou-award")
    assert list(post.related_members.all()) == [member]
    assert post.history.latest().history_user == editor


def test_a_writer_links_a_post_to_members(writer, key_owner, post, other_member):
    response = writer.patch(
        detail_url(post), {"related_member_slugs": ["dakar", "guangzhou"]}
    )

    assert response.status_code == HTTPStatus.OK, response.content
    assert [m["name"] for m in response.json()["related_members"]] == [
        "Dakar",
        "Guangzhou",
    ]
    assert post.related_members.count() == 2
    assert post.history.latest().history_user == key_owner


def test_an_editor_archives_a_post(editor_api, api, post):
    response = editor_api.patch(detail_url(post), {"status": "archived"})

    assert response.json()["is_public"] is False
    assert api.get(detail_url(post)).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"status": "published"}, "published_at"),
        ({"status": "live"}, "status"),
        ({"category_slug": "sports"}, "category_slug"),
        ({"category_slug": "urban\x00innovation"}, "category_slug"),
        ({"related_member_slugs": ["atlantis"]}, "related_member_slugs"),
        ({"related_alliance_slugs": ["nowhere"]}, "related_alliance_slugs"),
        ({"related_member_slugs": ["guangzhou\x00"]}, "related_member_slugs"),
        ({"related_alliance_slugs": ["\x00"]}, "related_alliance_slugs"),
        ({"slug": "guangzhou-alliance"}, "slug"),
        ({"slug": "not a slug"}, "slug"),
        ({"published_at": "soon"}, "published_at"),
        ({"title": ""}, "title"),
    ],
)
def test_an_invalid_post_is_refused_naming_the_field(editor_api, post, changes, field):
    response = editor_api.post(POSTS, new_post(**changes))

    assert field in errors(response)
    assert NewsPost.objects.count() == 1


def test_an_invalid_post_change_writes_nothing(writer, post):
    versions = post.history.count()

    response = writer.patch(
        detail_url(post),
        {"title": "Changed", "status": "published", "published_at": None},
    )

    assert "published_at" in errors(response)
    post.refresh_from_db()
    assert post.title == "Metropolis and Guangzhou sign a strategic alliance"
    assert post.history.count() == versions
