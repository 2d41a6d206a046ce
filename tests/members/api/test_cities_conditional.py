"""A member's page answered from the API cache (core.api.cache): a repeated
read naming its ETag is a 304 that reads no city, and every write that changes
the page changes its answer and its ETag at once."""

from http import HTTPStatus

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import BoardMandate, MemberCity, Region
from tests import factories
from tests.members.api.utils import TODAY

pytestmark = pytest.mark.django_db

TABLE = "members_membercity"


def detail(member) -> str:
    return reverse("api:membercity-detail", args=[member.slug])


def test_a_repeated_read_with_the_etag_is_a_304_reading_no_city(api, member):
    etag = api.get(detail(member))["ETag"]

    with CaptureQueriesContext(connection) as queries:
        again = api.get(detail(member), headers={"If-None-Match": etag})

    assert again.status_code == HTTPStatus.NOT_MODIFIED
    assert again["ETag"] == etag
    assert not [q["sql"] for q in queries.captured_queries if TABLE in q["sql"]]


@pytest.mark.parametrize(
    "change",
    [
        lambda member: MemberCity.objects.filter(pk=member.pk).update(name="Canton"),
        lambda member: Region.objects.filter(pk=member.region_id).update(name="Asia"),
        lambda member: factories.BoardMandateFactory(
            member=member, role=BoardMandate.Role.TREASURER, start_date=TODAY()
        ),
    ],
    ids=["city", "region", "role"],
)
def test_a_change_to_what_the_page_shows_gives_a_new_page(api, member, change):
    first = api.get(detail(member))
    change(member)

    again = api.get(detail(member), headers={"If-None-Match": first["ETag"]})

    assert again.status_code == HTTPStatus.OK
    assert again["ETag"] != first["ETag"]
    assert again.content != first.content


def test_the_etag_from_the_cache_is_good_for_if_match(editor_api, member):
    editor_api.get(detail(member))
    etag = editor_api.get(detail(member))["ETag"]  # from the cache

    response = editor_api.patch(
        detail(member), {"population": 18_700_000}, headers={"If-Match": etag}
    )

    assert response.status_code == HTTPStatus.OK
    assert response.json()["population"] == 18_700_000


def test_a_first_read_naming_the_etag_keeps_the_page_for_the_next(api, member):
    """An app server whose first request for the page names the ETag (another
    server gave it) keeps the page: the next such request reads no city."""
    etag = api.get(detail(member))["ETag"]
    caches["api"].clear()  # as on another app server

    first = api.get(detail(member), headers={"If-None-Match": etag})
    with CaptureQueriesContext(connection) as queries:
        again = api.get(detail(member), headers={"If-None-Match": etag})

    assert first.status_code == again.status_code == HTTPStatus.NOT_MODIFIED
    assert first["ETag"] == again["ETag"] == etag
    assert not [q["sql"] for q in queries.captured_queries if TABLE in q["sql"]]
