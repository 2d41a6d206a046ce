import xml.etree.ElementTree as ET
from http import HTTPStatus

import pytest
from django.urls import reverse

from tests import factories
from tests.news.test_views import HIDDEN_POSTS, UNSAFE_MARKDOWN

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def get_feed(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def entry_titles(feed):
    return [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]


def test_feed_is_atom_with_complete_entries(client):
    post = factories.NewsPostFactory(title="Metropolis signs with Guangzhou")

    feed = get_feed(client, reverse("news:feed"))

    assert feed.tag == f"{ATOM}feed"
    for tag in ("title", "id", "updated"):
        assert feed.findtext(f"{ATOM}{tag}")
    [entry] = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Metropolis signs with Guangzhou"
    link = entry.find(f"{ATOM}link").get("href")
    assert link == f"http://testserver{post.get_absolute_url()}"
    assert entry.findtext(f"{ATOM}id")
    assert entry.findtext(f"{ATOM}updated")


def test_feed_contains_published_posts_only(client):
    factories.NewsPostFactory(title="Public news")
    for name, hidden in HIDDEN_POSTS.items():
        factories.NewsPostFactory(title=f"Hidden {name}", **hidden)

    feed = get_feed(client, reverse("news:feed"))

    assert entry_titles(feed) == ["Public news"]


def test_feed_entries_carry_the_sanitized_body(client):
    factories.NewsPostFactory(body="The **historic** agreement.\n\n" + UNSAFE_MARKDOWN)

    feed = get_feed(client, reverse("news:feed"))

    summary = feed.find(f"{ATOM}entry").findtext(f"{ATOM}summary")
    assert "<strong>historic</strong>" in summary
    assert "<script" not in summary
    assert "onerror" not in summary
    assert "javascript:" not in summary


def test_category_feed_contains_that_category_only(client):
    innovation = factories.CategoryFactory(name="Urban Innovation", slug="innovation")
    factories.NewsPostFactory(title="Innovative", category=innovation)
    factories.NewsPostFactory(
        title="Not yet", category=innovation, **HIDDEN_POSTS["scheduled"]
    )
    factories.NewsPostFactory(title="Elsewhere")

    feed = get_feed(client, reverse("news:category-feed", args=["innovation"]))

    assert feed.tag == f"{ATOM}feed"
    assert "Urban Innovation" in feed.findtext(f"{ATOM}title")
    assert entry_titles(feed) == ["Innovative"]


def test_category_feed_of_an_unknown_category_is_not_found(client):
    response = client.get(reverse("news:category-feed", args=["nothing"]))

    assert response.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("size", [3, 25])
def test_feed_costs_the_same_queries_whatever_its_size(
    client, django_assert_num_queries, size
):
    factories.NewsPostFactory.create_batch(size)

    with django_assert_num_queries(1):
        client.get(reverse("news:feed"))
