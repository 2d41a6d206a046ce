"""The post list is built from `.values()` rows by news.api.rows.post_rows():
for every persona, and whatever the filters, order and page, the very bytes
the general serializer (NewsPostSerializer) gives for the same posts, the
author (a confidential field) included or absent alike."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from news.models import NewsPost
from tests import factories

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "read_key", "write_key", "liaison", "other_liaison", "editor"]

QUERIES = [
    {"page_size": 100},
    {"page_size": 2, "ordering": "title"},
    {"category": "water-news", "ordering": "-published_at"},
    {"search": "first"},
    {"published_after": "2000-01-01", "member": "guangzhou"},
]


@pytest.fixture
def posts(member, other_member, editor):
    """Several posts that differ in every way the representation can."""
    alliance = factories.AllianceFactory(title="Water")
    draft = factories.AllianceFactory(
        title="Air", signed_on=None, start_date=None, term_years=None
    )
    category = factories.CategoryFactory(name="Water news", slug="water-news")
    first = factories.NewsPostFactory(
        author=editor, title="First", category=category, summary="«Eau» — 水"
    )
    first.related_members.set([member, other_member])
    first.related_alliances.set([alliance, draft])
    factories.NewsPostFactory(
        category=category,
        published_at=timezone.now() - datetime.timedelta(days=400),
    )
    factories.NewsPostFactory(
        title="Proposal",
        status=NewsPost.Status.SUBMITTED,
        published_at=None,
        proposed_by=member,
    ).related_members.set([member])
    factories.NewsPostFactory(
        status=NewsPost.Status.PUBLISHED,
        published_at=timezone.now() + datetime.timedelta(days=2),  # not yet
    )


def serializer_body(response) -> bytes:
    """The response's body as the general serializer gives it: the same
    envelope and posts (in the order the filtered list has them), through
    NewsPostSerializer, rendered as the response was."""
    view = response.renderer_context["view"]
    ordered = list(view.filter_queryset(view.get_queryset()))
    ids = [row["id"] for row in response.data["results"]]
    start = [post.pk for post in ordered].index(ids[0]) if ids else 0
    shown = ordered[start : start + len(ids)]
    data = {**response.data, "results": view.get_serializer(shown, many=True).data}
    return response.accepted_renderer.render(
        data, response.accepted_media_type, response.renderer_context
    )


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("query", QUERIES)
def test_post_list_rows_are_the_serializer_s_bytes(client_as, posts, persona, query):
    client = client_as(persona)
    response = client.get(reverse("api:newspost-list"), query)

    assert response.status_code == HTTPStatus.OK
    assert response.json()["results"]
    assert response.content == serializer_body(response)
    following = response.json()["next"]
    if following:
        response = client.get(following)
        assert response.content == serializer_body(response)


@pytest.mark.parametrize("persona", PERSONAS)
def test_post_list_rows_show_the_author_and_lists_as_the_persona_may(
    client_as, posts, persona
):
    rows = client_as(persona).get(reverse("api:newspost-list")).json()["results"]

    first = next(row for row in rows if row["title"] == "First")
    assert ("author" in first) == (persona in ("write_key", "editor"))
    assert [city["name"] for city in first["related_members"]] == [
        "Dakar",
        "Guangzhou",
    ]
    # A draft alliance is the secretariat's and its granting member's.
    titles = [alliance["name"] for alliance in first["related_alliances"]]
    assert ("Air" in titles) == (persona in ("write_key", "editor"))
    assert "Water" in titles
    assert ("Proposal" in [row["title"] for row in rows]) == (
        persona in ("write_key", "editor", "liaison")
    )


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("language", ["fr", "es"])
def test_post_list_rows_in_another_language_are_the_serializer_s_bytes(
    client_as, posts, persona, language
):
    first = NewsPost.objects.get(title_en="First")
    first.title_fr = "Premier"  # the others fall back to English
    first.save()
    with translation.override(language):
        response = client_as(persona).get(
            reverse("api:newspost-list"), HTTP_ACCEPT_LANGUAGE=language
        )

        assert response.content == serializer_body(response)
    rows = response.json()["results"]
    first_row = next(row for row in rows if row["id"] == first.pk)
    assert first_row["title"] == ("Premier" if language == "fr" else "First")
    assert f"/{language}/news/{first.slug}/" in first_row["html_url"]
