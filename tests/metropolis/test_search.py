"""`?search=` on member cities and news posts: every word typed starts a word of
the name (title) or summary, in any case. PostgreSQL answers from a full-text
index, SQLite with regular expressions: the same table of searches runs on
both and must give the same rows."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import MemberCity
from news.models import NewsPost
from tests import factories

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the full-text index is PostgreSQL's"
)

MEMBERS = reverse("api:membercity-list")
POSTS = reverse("api:newspost-list")
DIRECTORY = reverse("members:member-list")

# (slug, name or title, summary): each a member city, and a news post too.
ROWS = [
    ("barcelona", "Barcelona", "A Mediterranean port."),
    ("hamburg", "Hamburg", "The Harbour City of northern Germany."),
    ("abidjan", "Abidjan", "Economic capital of Côte d'Ivoire, with two harbours."),
    ("bogota", "Bogotá", "Capital of Colombia, high in the Andes."),
    ("sao-paulo", "São Paulo", "The largest city of Brazil."),
    ("saint-denis", "Saint-Denis", "North of Paris: the Stade de France's home."),
    ("evry", "Évry-Courcouronnes", "A new town south of Paris."),
]
EVERY_SLUG = sorted(slug for slug, _name, _summary in ROWS)

# (what a person types, the slugs found).
SEARCHES = [
    ("barc", ["barcelona"]),
    ("BARCELONA", ["barcelona"]),
    ("harbour", ["abidjan", "hamburg"]),
    ("arbour", []),
    ("harbour germany", ["hamburg"]),
    ("germany  HARB", ["hamburg"]),
    ("harbour paris", []),
    ("bogotá", ["bogota"]),
    ("BOGOT", ["bogota"]),
    ("bogota", []),  # accents count
    ("são", ["sao-paulo"]),
    ("paulo", ["sao-paulo"]),
    ("sao", []),
    ("saint-denis", ["saint-denis"]),
    ("denis", ["saint-denis"]),
    ("saint denis", ["saint-denis"]),
    ("france's", ["saint-denis"]),
    ("france", ["saint-denis"]),
    ("s home", ["saint-denis"]),
    ("ivoire", ["abidjan"]),
    ("d'ivoire", ["abidjan"]),
    ("Côte d’Ivoire", ["abidjan"]),
    ("côte", ["abidjan"]),
    ("évry", ["evry"]),
    ("ÉVRY", ["evry"]),
    ("courc", ["evry"]),
    ("paris", ["evry", "saint-denis"]),
    # tsquery's syntax is only punctuation here: no OR, no NOT, no phrase.
    ("harbour | paris", []),
    ("harbour & !hamburg", ["hamburg"]),
    ("barc:*", ["barcelona"]),
    ("'barc'", ["barcelona"]),
    ("(barc) <-> port", ["barcelona"]),
    ("barc\\", ["barcelona"]),
    ("zzz", []),
    # Text without a word filters nothing.
    ("", EVERY_SLUG),
    ("&|!():*'\\", EVERY_SLUG),
    ("  ,;  ", EVERY_SLUG),
]


@pytest.fixture
def rows():
    region, category = factories.RegionFactory(), factories.CategoryFactory()
    for slug, name, summary in ROWS:
        factories.MemberCityFactory(
            slug=slug, name=name, summary=summary, region=region
        )
        factories.NewsPostFactory(
            slug=slug, title=name, summary=summary, category=category
        )


def slugs(response) -> list[str]:
    assert response.status_code == HTTPStatus.OK
    if response.get("Content-Type", "").startswith("application/json"):
        return sorted(row["slug"] for row in response.json()["results"])
    return sorted(member.slug for member in response.context["object_list"])


@pytest.mark.parametrize(("text", "expected"), SEARCHES)
def test_api_member_search(api, rows, text, expected):
    assert slugs(api.get(MEMBERS, {"search": text})) == expected


@pytest.mark.parametrize(("text", "expected"), SEARCHES)
def test_api_post_search(api, rows, text, expected):
    assert slugs(api.get(POSTS, {"search": text})) == expected


@pytest.mark.parametrize(("text", "expected"), SEARCHES)
def test_directory_search(client, rows, text, expected):
    assert slugs(client.get(DIRECTORY, {"search": text})) == expected


@pytest.mark.parametrize(("text", "expected"), SEARCHES)
def test_queryset_search(rows, text, expected):
    members = MemberCity.objects.search(text).values_list("slug", flat=True)
    posts = NewsPost.objects.search(text).values_list("slug", flat=True)

    assert sorted(members) == expected
    assert sorted(posts) == expected


def test_searches_chain_with_other_filters(rows):
    found = MemberCity.objects.search("paris").search("town")

    assert [member.slug for member in found] == ["evry"]


@pytest.mark.parametrize(
    "text",
    [
        "'",
        "\\",
        ":*",
        "!!!",
        "a:*b & (c | !d",
        "x" * 10_000,
        "harbour " * 500,
        "\u202eabc",
        "👩🏽‍🚀",
        "١٢٣",
        "İstanbul",
        "bell\x07escape\x1b[31m",
        "' OR 1=1 --",
    ],
)
def test_odd_searches_are_answered(api, client, rows, text):
    assert api.get(MEMBERS, {"search": text}).status_code == HTTPStatus.OK
    assert api.get(POSTS, {"search": text}).status_code == HTTPStatus.OK
    assert client.get(DIRECTORY, {"search": text}).status_code == HTTPStatus.OK


def test_a_search_with_many_words_uses_the_first_sixteen(rows):
    text = "harbour " + " ".join(["h"] * 15) + " nowhere"

    assert sorted(MemberCity.objects.search(text).values_list("slug", flat=True)) == [
        "abidjan",
        "hamburg",
    ]


# The member list unfiltered is one prepared query (core.api.prepared): the
# search is compared with a filtered list, read as the search is.
@pytest.mark.parametrize(
    ("url", "listing"), [(MEMBERS, {"status": "active"}), (POSTS, {})]
)
def test_a_search_costs_the_queries_of_the_list(
    api, rows, url, listing, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as listed:
        api.get(url, listing)

    with django_assert_max_num_queries(len(listed)):
        response = api.get(url, {"search": "harbour"})

    assert response.status_code == HTTPStatus.OK


def test_the_schema_describes_the_search(api):
    schema = api.get(reverse("api:schema"), {"format": "json"}).json()
    parameters = {
        path: {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
        for path in ("/api/v1/members/", "/api/v1/posts/", "/api/v1/regions/")
    }

    assert (
        "`barc` finds “Barcelona”"
        in (parameters["/api/v1/members/"]["search"]["description"])
    )
    assert (
        "`title` and `summary`"
        in (parameters["/api/v1/posts/"]["search"]["description"])
    )
    assert "anywhere" in parameters["/api/v1/regions/"]["search"]["description"]


# The indexes ---------------------------------------------------------------


def plan(queryset) -> str:
    """The plan PostgreSQL picks when a scan of the whole table costs the most
    it can (the test tables are tiny, and a full scan would win on them)."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    return queryset.order_by().values("pk").explain()


@postgresql_only
def test_the_member_search_uses_its_index(rows):
    assert "members_membercity_search_idx" in plan(
        MemberCity.objects.search("harbour germany")
    )


@postgresql_only
def test_the_post_search_uses_its_index(rows):
    assert "news_newspost_search_idx" in plan(NewsPost.objects.search("harbour"))


@postgresql_only
def test_members_are_listed_from_the_name_index(rows):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")

    assert "members_membercity_name_idx" in MemberCity.objects.all()[:10].explain()


def test_the_search_index_is_postgresqls_only(db):
    """Elsewhere its SQL does nothing, also when SQLite remakes the table."""
    editor = connection.schema_editor()
    statements = [str(sql) for sql in editor._model_indexes_sql(MemberCity)]
    search_index = [sql for sql in statements if "membercity_search_idx" in sql]

    if connection.vendor == "postgresql":
        assert "USING gin" in search_index[0]
    else:
        assert search_index[0].startswith("--")
        with connection.cursor() as cursor:
            cursor.execute(search_index[0])
