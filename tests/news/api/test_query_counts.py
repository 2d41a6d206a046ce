"""The news API: a list costs the same queries whatever its size."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def make_categories(n):
    for category in factories.CategoryFactory.create_batch(n):
        factories.NewsPostFactory(category=category)


def make_posts(n):
    member = factories.MemberCityFactory()
    alliance = factories.AllianceFactory()
    author = factories.UserFactory()
    for post in factories.NewsPostFactory.create_batch(n, author=author):
        post.related_members.add(member)
        post.related_alliances.add(alliance)


# (list, rows maker, queries): the editor's session, user and group, then count
# and page; posts have no count (cursor pages) and read their cities and
# alliances in the page's own query, after the data versions and the next
# scheduled post (core.api.cache: the rows were just written, so the page is
# made afresh).
QUERY_COUNTS = [("category", make_categories, 5), ("newspost", make_posts, 6)]


@pytest.mark.parametrize(("basename", "make", "queries"), QUERY_COUNTS)
def test_a_list_costs_the_same_queries_for_3_and_30_rows(
    editor_api, django_assert_num_queries, basename, make, queries
):
    url = reverse(f"api:{basename}-list")
    make(3)
    with django_assert_num_queries(queries):
        small = editor_api.get(url, {"page_size": 100})
    make(27)
    with django_assert_num_queries(queries):
        large = editor_api.get(url, {"page_size": 100})

    assert len(small.json()["results"]) >= 3
    assert len(large.json()["results"]) == len(small.json()["results"]) + 27
