"""A post is found by words of any of its languages: on PostgreSQL through the
one full-text index over every language's column, elsewhere by the LIKE
fallback over the same columns; on the site, in the API and in the admin."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import translation

from members.models import MemberCity
from news.models import NewsPost
from tests import factories
from tests.admin_utils import admin_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def posts():
    factories.NewsPostFactory(title="Water summit", title_fr="Sommet de l'eau")
    factories.NewsPostFactory(title="Air summit", summary_es="Cumbre del aire")


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_a_french_only_word_finds_the_post_in_any_language(posts, language):
    with translation.override(language):
        found = NewsPost.objects.search("somm eau")

        assert [post.title_en for post in found] == ["Water summit"]


def test_a_spanish_summary_word_finds_the_post(posts):
    assert [p.title_en for p in NewsPost.objects.search("cumbre")] == ["Air summit"]


def test_the_api_search_finds_a_word_of_another_language(api, posts):
    response = api.get(reverse("api:newspost-list"), {"search": "sommet"})

    assert response.status_code == HTTPStatus.OK
    assert [row["title"] for row in response.json()["results"]] == ["Water summit"]


def test_the_admin_search_finds_a_word_of_another_language(editor_client, posts):
    response = editor_client.get(
        admin_url("news.newspost", "changelist"), {"q": "cumbre"}
    )

    assert response.status_code == HTTPStatus.OK
    assert [str(post) for post in response.context["cl"].result_list] == ["Air summit"]


def test_a_member_is_found_by_a_word_of_its_translated_summary():
    factories.MemberCityFactory(name="Dakar", summary_fr="Siège du secrétariat")

    assert [m.name for m in MemberCity.objects.search("siège")] == ["Dakar"]
