"""The API cache keeps each caller's page to the callers who may see it, and
answers conditional requests from the page it holds."""

from http import HTTPStatus

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliances.models import Alliance
from news.models import NewsPost
from tests import factories
from tests.api_utils import (
    EDITOR,
    OTHER_LIAISON,
    OWN_LIAISON,
    PERSONAS,
    READ_KEY,
    WRITE_KEY,
)
from tests.metropolis.api_cache.utils import (
    ALLIANCES,
    MEMBERS,
    POSTS,
    cached,
    fresh,
    served,
)

pytestmark = pytest.mark.django_db

NOTES = b"Renewal talks planned for spring 2024."
PROPOSAL = b"Guangzhou proposes a forum"
# Who sees the granting city's internal notes, and its proposal.
SEES_NOTES = {EDITOR, WRITE_KEY, OWN_LIAISON}
SEES_PROPOSAL = {EDITOR, WRITE_KEY, OWN_LIAISON}


@pytest.fixture
def world(member, liaison):
    factories.AllianceFactory(
        title="Alliance with Guangzhou",
        kind=Alliance.Kind.GRANTING_MEMBER,
        granting_member=member,
        internal_notes=NOTES.decode(),
    )
    factories.NewsPostFactory(title="Dakar hosts the forum")
    factories.NewsPostFactory(
        title=PROPOSAL.decode(),
        status=NewsPost.Status.SUBMITTED,
        published_at=None,
        proposed_by=member,
        author=liaison,
    )


@pytest.mark.parametrize(
    ("url", "table", "secret", "sees"),
    [
        (ALLIANCES, "alliances_alliance", NOTES, SEES_NOTES),
        (POSTS, "news_newspost", PROPOSAL, SEES_PROPOSAL),
    ],
)
def test_each_caller_gets_its_own_page_from_the_cache(
    api_as, world, url, table, secret, sees
):
    clients = {persona: api_as(persona) for persona in PERSONAS}
    # Every caller's page is in the cache before any other caller reads.
    pages = {persona: cached(client, url, table) for persona, client in clients.items()}

    for persona, client in clients.items():
        assert (secret in pages[persona]) is (persona in sees), persona
        assert pages[persona] == fresh(client, url), persona


def test_a_liaisons_page_never_reaches_another_city(api_as, world):
    own_liaison, other_liaison = api_as(OWN_LIAISON), api_as(OTHER_LIAISON)
    own = cached(own_liaison, POSTS, "news_newspost")

    other = served(other_liaison, POSTS).content
    assert PROPOSAL in own
    assert PROPOSAL not in other


def test_a_repeated_read_with_the_etag_is_a_304_from_the_cache(api, member):
    etag = served(api, MEMBERS)["ETag"]

    with CaptureQueriesContext(connection) as queries:
        response = api.get(MEMBERS, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == HTTPStatus.NOT_MODIFIED
    assert response["ETag"] == etag
    assert len(queries) == 1  # the versions


def test_an_etag_read_before_a_change_gets_the_new_page(api, member):
    etag = served(api, MEMBERS)["ETag"]
    member.name = "Canton"
    member.save()

    response = api.get(MEMBERS, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == HTTPStatus.OK
    assert response["ETag"] != etag
    assert b"Canton" in response.content


def test_the_etag_is_the_same_made_afresh_or_from_the_cache(api, member):
    made = served(api, MEMBERS)["ETag"]

    assert served(api, MEMBERS)["ETag"] == made
    caches["api"].clear()
    assert served(api, MEMBERS)["ETag"] == made


def test_a_caller_of_another_scope_gets_another_etag(api, api_as, member):
    anonymous = served(api, MEMBERS)
    read_key = served(api_as(READ_KEY), MEMBERS)

    assert anonymous.content == read_key.content
    assert anonymous["ETag"] != read_key["ETag"]


def test_a_list_reading_a_table_without_a_version_is_made_every_time(api, member):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_dataversion WHERE name = 'members_region'")
    served(api, MEMBERS)

    with CaptureQueriesContext(connection) as queries:
        second = served(api, MEMBERS)
    assert any("members_membercity" in q["sql"] for q in queries.captured_queries)
    assert second.content == fresh(api, MEMBERS)


def test_the_browsable_api_is_made_every_time(api, member):
    served(api, MEMBERS, HTTP_ACCEPT="text/html")

    with CaptureQueriesContext(connection) as queries:
        served(api, MEMBERS, HTTP_ACCEPT="text/html")
    assert any("members_membercity" in q["sql"] for q in queries.captured_queries)
