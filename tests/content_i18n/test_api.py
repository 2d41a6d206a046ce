"""The API in the language of Accept-Language: translated content with the
fallback, the fast rows equal to the general serializer in every language,
writes of the English source and of its translations."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from news.models import NewsPost
from tests import factories
from tests.members.test_api_rows import serializer_body as member_serializer_body
from tests.news.test_api_rows import serializer_body as post_serializer_body

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "fr", "es"]


def get(client, url, language, **params):
    with translation.override(language):
        return client.get(url, params, HTTP_ACCEPT_LANGUAGE=language)


@pytest.mark.parametrize(
    ("language", "title", "category", "alliance"),
    [
        ("en", "Guangzhou signs", "Urban innovation", "Water pact"),
        ("fr", "Guangzhou signe", "Innovation urbaine", "Water pact"),
        ("es", "Guangzhou firma", "Urban innovation", "Pacto del agua"),
    ],
)
def test_a_post_reads_in_the_language_asked_for(
    api, translated_post, language, title, category, alliance
):
    url = reverse("api:newspost-detail", kwargs={"slug": translated_post.slug})
    post = get(api, url, language).json()

    assert post["title"] == title
    assert post["category"]["name"] == category
    assert post["related_alliances"][0]["name"] == alliance


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("persona", ["anonymous", "editor"])
def test_post_rows_are_the_serializer_s_bytes_in_every_language(
    client_as, translated_post, language, persona
):
    factories.NewsPostFactory(title="Only English")
    factories.NewsPostFactory(title="Solo", title_es="Solo en español")
    client = client_as(persona)

    with translation.override(language):
        response = client.get(
            reverse("api:newspost-list"), HTTP_ACCEPT_LANGUAGE=language
        )
        body = post_serializer_body(response)

    assert response.status_code == HTTPStatus.OK
    assert response.content == body


@pytest.mark.parametrize("language", LANGUAGES)
def test_member_rows_are_the_serializer_s_bytes_in_every_language(api, language):
    factories.MemberCityFactory(summary="English", summary_fr="Français")
    factories.MemberCityFactory(summary="", summary_es="Sólo español")

    with translation.override(language):
        response = api.get(
            reverse("api:membercity-list"), HTTP_ACCEPT_LANGUAGE=language
        )
        body = member_serializer_body(response, slice(0, 20))

    assert response.content == body
    summaries = {row["summary"] for row in response.json()["results"]}
    expected = {"en": "English", "fr": "Français", "es": "English"}[language]
    assert expected in summaries
    assert "Sólo español" in summaries  # no other text: any language


def test_translations_add_no_query_to_the_post_list(api, translated_post):
    for _ in range(3):
        factories.NewsPostFactory(title_fr="Titre")
    counts = {}
    for language in LANGUAGES:
        with CaptureQueriesContext(connection) as queries:
            get(api, reverse("api:newspost-list"), language, page_size=2)
        counts[language] = len(queries)

    assert counts["fr"] == counts["en"] == counts["es"]


def test_ordering_by_title_follows_the_english_title_in_every_language(api):
    factories.NewsPostFactory(title="Alpha", title_fr="Zèbre")
    factories.NewsPostFactory(title="Beta", title_fr="Antilope")

    rows = get(api, reverse("api:newspost-list"), "fr", ordering="title").json()

    assert [row["title"] for row in rows["results"]] == ["Zèbre", "Antilope"]


def test_an_editor_writes_the_english_source_and_a_translation(editor_api, category):
    with translation.override("fr"):
        response = editor_api.post(
            reverse("api:newspost-list"),
            {
                "title": "Award",
                "title_fr": "Prix",
                "slug": "award",
                "category_slug": category.slug,
                "body": "In *May*.",
                "body_es": "En *mayo*.",
            },
            format="json",
            HTTP_ACCEPT_LANGUAGE="fr",
        )

    assert response.status_code == HTTPStatus.CREATED, response.json()
    assert response.json()["title"] == "Prix"
    post = NewsPost.objects.get(slug="award")
    assert (post.title_en, post.title_fr, post.title_es) == ("Award", "Prix", None)
    assert post.body_html_es == "<p>En <em>mayo</em>.</p>"


def test_the_translations_are_write_only_fields_of_the_schema(editor_api):
    schema = editor_api.get(reverse("api:schema"), {"format": "json"}).json()
    request = schema["components"]["schemas"]["NewsPostRequest"]["properties"]
    response = schema["components"]["schemas"]["NewsPost"]["properties"]

    assert "title_fr" in request
    assert "body_es" in request
    assert "title_fr" not in response


def test_a_liaison_may_write_the_translations_of_its_city_s_summary(
    liaison_api, member
):
    response = liaison_api.patch(
        reverse("api:membercity-detail", kwargs={"slug": member.slug}),
        {"summary_fr": "Ville hôte."},
        format="json",
    )

    assert response.status_code == HTTPStatus.OK, response.json()
    member.refresh_from_db()
    assert member.summary_fr == "Ville hôte."
