"""The news API: categories."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from news.models import Category
from tests import factories
from tests.news.api.utils import CATEGORIES, errors

pytestmark = pytest.mark.django_db


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
