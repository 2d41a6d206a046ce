"""Reading a cached API list: from the cache, and afresh to compare with."""

from http import HTTPStatus

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

MEMBERS = reverse("api:membercity-list")
POSTS = reverse("api:newspost-list")
ALLIANCES = reverse("api:alliance-list")


def served(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == HTTPStatus.OK, response.content
    return response


def cached(client, url, table, **extra) -> bytes:
    """The page at `url`, read twice: the second answer is the first one's,
    from the cache (no query names the list's `table`)."""
    first = served(client, url, **extra)
    with CaptureQueriesContext(connection) as queries:
        second = served(client, url, **extra)
    assert not [q["sql"] for q in queries.captured_queries if table in q["sql"]]
    assert second.content == first.content
    return second.content


def fresh(client, url, **extra) -> bytes:
    """The page made afresh: the API cache emptied first."""
    caches["api"].clear()
    return served(client, url, **extra).content


def read_again(client, url, **extra) -> bytes:
    """The page read again (from the cache if it may be): it is the one made
    afresh."""
    shown = served(client, url, **extra).content
    assert shown == fresh(client, url, **extra)
    return shown
