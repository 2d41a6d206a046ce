"""The members API: a list costs the same queries whatever its size."""

import pytest

from tests import factories
from tests.members.api.utils import list_url

pytestmark = pytest.mark.django_db


def make_regions(n):
    factories.RegionFactory.create_batch(n)


def make_members(n):
    for city in factories.MemberCityFactory.create_batch(n):
        factories.BoardMandateFactory(member=city)


def make_mandates(n):
    factories.BoardMandateFactory.create_batch(n)


def make_secretariats(n):
    for person in factories.PersonFactory.create_batch(n):
        factories.RegionalSecretariatFactory(secretary=person)


def make_people(n):
    factories.PersonFactory.create_batch(n, organisation=factories.MemberCityFactory())


# (list, rows maker, queries): count + page (members' roles of today in the
# page's query); member cities first read the data versions (core.api.cache:
# the rows were just written, so the page is made afresh), then their page
# with its count in the same query (core.api.prepared).
QUERY_COUNTS = [
    ("region", make_regions, 2),
    ("membercity", make_members, 2),
    ("boardmandate", make_mandates, 2),
    ("regionalsecretariat", make_secretariats, 2),
    ("person", make_people, 2),
]


@pytest.mark.parametrize(("basename", "make", "queries"), QUERY_COUNTS)
def test_a_list_costs_the_same_queries_for_3_and_30_rows(
    api, django_assert_num_queries, basename, make, queries
):
    make(3)
    with django_assert_num_queries(queries):
        small = api.get(list_url(basename), {"page_size": 100})
    make(27)
    with django_assert_num_queries(queries):
        large = api.get(list_url(basename), {"page_size": 100})

    assert small.json()["count"] == len(small.json()["results"])
    assert len(large.json()["results"]) == small.json()["count"] + 27


def test_a_filtered_member_list_costs_the_same_queries_for_3_and_30_rows(
    api, django_assert_num_queries
):
    # A filter takes the ORM's path: the versions, the count, the page.
    make_members(3)
    with django_assert_num_queries(3):
        small = api.get(list_url("membercity"), {"page_size": 100, "status": "active"})
    make_members(27)
    with django_assert_num_queries(3):
        large = api.get(list_url("membercity"), {"page_size": 100, "status": "active"})

    assert len(large.json()["results"]) == small.json()["count"] + 27
