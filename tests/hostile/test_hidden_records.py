"""No answer lets a caller confirm that a record it cannot see exists: a
liaison proposing a post named like another city's hidden proposal, or like
the secretariat's draft, gets the same answer as for a name nobody used (its
slug is generated, never refused as taken)."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from news.models import NewsPost
from tests import factories

pytestmark = pytest.mark.django_db

POSTS = reverse("api:newspost-list")


@pytest.fixture
def category():
    return factories.CategoryFactory(name="Urban Innovation", slug="urban-innovation")


@pytest.fixture
def hidden(category, other_member):
    """Dakar's proposal under review and the secretariat's draft."""
    return [
        factories.NewsPostFactory(
            title="Dakar opens a forum",
            slug="dakar-opens-a-forum",
            category=category,
            status=NewsPost.Status.SUBMITTED,
            published_at=None,
            proposed_by=other_member,
        ),
        factories.NewsPostFactory(
            title="Board meeting agenda",
            slug="board-meeting-agenda",
            category=category,
            status=NewsPost.Status.DRAFT,
            published_at=None,
        ),
    ]


def propose(client, title: str, slug: str):
    return client.post(
        POSTS,
        {
            "title": title,
            "slug": slug,
            "category_slug": "urban-innovation",
            "body": "Body.",
        },
    )


@pytest.mark.parametrize("index", [0, 1])
def test_the_api_answers_a_hidden_name_as_a_fresh_one(liaison, hidden, index):
    client = APIClient()
    client.force_login(liaison)
    taken = hidden[index]

    response = propose(client, taken.title, taken.slug)
    fresh = propose(client, "A name nobody used", "a-name-nobody-used")

    assert response.status_code == fresh.status_code == HTTPStatus.CREATED
    assert set(response.json()) == set(fresh.json())
    assert "exist" not in response.content.decode().lower()
    created = NewsPost.objects.get(pk=response.json()["id"])
    assert created.slug not in (taken.slug, "")
    assert created.proposed_by == liaison.liaison.member


@pytest.mark.parametrize("index", [0, 1])
def test_the_portal_answers_a_hidden_name_as_a_fresh_one(
    client, liaison, category, hidden, index
):
    client.force_login(liaison)

    response = client.post(
        reverse("portal:proposal-create"),
        {"title": hidden[index].title, "category": category.pk, "body": "Body."},
    )

    assert response.status_code == HTTPStatus.FOUND
    assert NewsPost.objects.filter(title=hidden[index].title).count() == 2
