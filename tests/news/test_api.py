"""The news resources of the REST API: categories and posts."""

import datetime
import zoneinfo
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from alliances.models import Alliance
from news.models import Category, NewsPost
from tests import factories
from tests.api_utils import key_client

pytestmark = pytest.mark.django_db

MADRID = zoneinfo.ZoneInfo("Europe/Madrid")
CATEGORIES = reverse("api:category-list")
POSTS = reverse("api:newspost-list")


def logged_in(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


@pytest.fixture
def editor_api(editor):
    return logged_in(editor)


@pytest.fixture
def liaison_api(liaison):
    """Guangzhou's liaison."""
    return logged_in(liaison)


@pytest.fixture
def client_as(key_owner, liaison, other_liaison, editor):
    """An API client for a persona: anonymous, read_key, write_key, liaison (of
    Guangzhou), other_liaison (of Dakar) or editor."""

    def make(persona: str) -> APIClient:
        if persona in ("read_key", "write_key"):
            return key_client(key_owner, persona.removesuffix("_key"))
        users = {"liaison": liaison, "other_liaison": other_liaison, "editor": editor}
        return logged_in(users[persona]) if persona in users else APIClient()

    return make


@pytest.fixture
def urban_innovation():
    return factories.CategoryFactory(name="Urban Innovation", slug="urban-innovation")


@pytest.fixture
def mou(member):
    return factories.AllianceFactory(
        title="Alliance with Guangzhou",
        slug="guangzhou-mou",
        kind=Alliance.Kind.GRANTING_MEMBER,
        granting_member=member,
    )


@pytest.fixture
def post(urban_innovation, member, mou, editor):
    """The reference news post, published on 2 August 2021."""
    post = factories.NewsPostFactory(
        title="Metropolis and Guangzhou sign a strategic alliance",
        slug="guangzhou-alliance",
        category=urban_innovation,
        summary="A memorandum of understanding for three years.",
        body="Signed **virtually**.\n\n<script>alert('x')</script>",
        published_at=datetime.datetime(2021, 8, 2, 10, 0, tzinfo=MADRID),
        author=editor,
    )
    post.related_members.add(member)
    post.related_alliances.add(mou)
    return post


@pytest.fixture
def proposal(urban_innovation, member, liaison):
    """Guangzhou's post, waiting for review."""
    return factories.NewsPostFactory(
        title="Guangzhou proposes a forum",
        slug="guangzhou-forum",
        category=urban_innovation,
        status=NewsPost.Status.SUBMITTED,
        published_at=None,
        proposed_by=member,
        author=liaison,
    )


def detail_url(post) -> str:
    return reverse("api:newspost-detail", args=[post.slug])


def titles(response) -> list[str]:
    assert response.status_code == HTTPStatus.OK, response.content
    return [row["title"] for row in response.json()["results"]]


def errors(response) -> dict:
    assert response.status_code == HTTPStatus.BAD_REQUEST, response.content
    return response.json()["errors"]


# Posts: reads -----------------------------------------------------------------


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


# Posts: filters, search, ordering, pages ----------------------------------------


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


# Posts: writes ------------------------------------------------------------------


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


# Categories ------------------------------------------------------------------------


def test_categories_count_their_public_posts(api, post, proposal):
    factories.CategoryFactory(name="Climate", slug="climate")

    rows = api.get(CATEGORIES).json()["results"]

    assert [(row["name"], row["post_count"]) for row in rows] == [
        ("Climate", 0),
        ("Urban Innovation", 1),
    ]


def test_a_category_is_found_by_its_slug(api, urban_innovation):
    data = api.get(reverse("api:category-detail", args=["urban-innovation"])).json()

    assert (data["name"], data["slug"], data["post_count"]) == (
        "Urban Innovation",
        "urban-innovation",
        0,
    )


def test_categories_search_and_order(api, post):
    factories.NewsPostFactory(category=factories.CategoryFactory(name="Climate"))
    factories.NewsPostFactory(category=Category.objects.get(name="Climate"))

    assert [
        row["name"]
        for row in api.get(CATEGORIES, {"ordering": "-post_count"}).json()["results"]
    ] == ["Climate", "Urban Innovation"]
    assert [
        row["name"]
        for row in api.get(CATEGORIES, {"search": "urban"}).json()["results"]
    ] == ["Urban Innovation"]


def test_a_page_holds_at_most_100_categories(api):
    Category.objects.bulk_create(
        Category(name=f"Category {n:03}", slug=f"category-{n}") for n in range(101)
    )

    data = api.get(CATEGORIES, {"page_size": 500}).json()

    assert data["count"] == 101
    assert len(data["results"]) == 100
    assert data["next"] is not None


def test_a_writer_creates_a_category(writer):
    response = writer.post(CATEGORIES, {"name": "Climate", "slug": "climate"})

    assert response.status_code == HTTPStatus.CREATED, response.content
    assert response.json()["post_count"] == 0
    assert Category.objects.filter(slug="climate").exists()


def test_a_category_slug_is_unique(writer, urban_innovation):
    response = writer.post(
        CATEGORIES, {"name": "Innovation", "slug": "urban-innovation"}
    )

    assert "slug" in errors(response)
    assert Category.objects.count() == 1


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", HTTPStatus.UNAUTHORIZED),
        ("read_key", HTTPStatus.FORBIDDEN),
        ("liaison", HTTPStatus.FORBIDDEN),
    ],
)
def test_only_the_secretariat_writes_categories(
    client_as, urban_innovation, persona, status
):
    response = client_as(persona).post(CATEGORIES, {"name": "X", "slug": "x"})

    assert response.status_code == status
    assert Category.objects.count() == 1


# Speed ---------------------------------------------------------------------------


def make_categories(n):
    for category in factories.CategoryFactory.create_batch(n):
        factories.NewsPostFactory(category=category)


def make_posts(n):
    member = factories.MemberCityFactory()
    alliance = factories.AllianceFactory()
    author = factories.UserFactory()
    for post in factories.NewsPostFactory.create_batch(n, author=author):
        post.related_members.add(member)
        post.related_alliances.add(alliance)


# (list, rows maker, queries): the editor's session, user and group, then count
# and page; posts have no count (cursor pages) and add one prefetch each for
# members and alliances.
QUERY_COUNTS = [("category", make_categories, 5), ("newspost", make_posts, 6)]


@pytest.mark.parametrize(("basename", "make", "queries"), QUERY_COUNTS)
def test_a_list_costs_the_same_queries_for_3_and_30_rows(
    editor_api, django_assert_num_queries, basename, make, queries
):
    url = reverse(f"api:{basename}-list")
    make(3)
    with django_assert_num_queries(queries):
        small = editor_api.get(url, {"page_size": 100})
    make(27)
    with django_assert_num_queries(queries):
        large = editor_api.get(url, {"page_size": 100})

    assert len(small.json()["results"]) >= 3
    assert len(large.json()["results"]) == len(small.json()["results"]) + 27
