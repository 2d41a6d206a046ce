"""The alliances API: a list costs the same queries whatever its size."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def make_plans(n):
    for plan in factories.StrategicActionPlanFactory.create_batch(n):
        factories.PlanObjectiveFactory.create_batch(2, plan=plan)
        factories.AllianceFactory(plan=plan)


def make_alliances(n):
    for alliance in factories.AllianceFactory.create_batch(
        n, granting=True, contact=factories.PersonFactory()
    ):
        factories.AllianceSignatoryFactory(alliance=alliance)
        factories.AllianceExtensionFactory(alliance=alliance)


# (list, rows maker, queries): the editor's session, user and group, then count
# and page; alliances add one prefetch each for signatories and extensions,
# and first read the data versions (core.api.cache: the rows were just
# written, so the page is made afresh); plans one for objectives.
QUERY_COUNTS = [
    ("strategicactionplan", make_plans, 6),
    ("alliance", make_alliances, 8),
]


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

    assert small.json()["count"] == len(small.json()["results"]) >= 3
    assert len(large.json()["results"]) == small.json()["count"] + 27


@pytest.mark.parametrize(
    "query",
    [
        {"expiring_within": 500},
        {"status": "active"},
        {"active_on": "2024-06-01"},
        {"ends_before": "2025-12-31"},
        {"ordering": "-end_date"},
    ],
)
def test_a_filtered_alliance_list_costs_the_same_queries_for_3_and_30_rows(
    editor_api, june_1, django_assert_num_queries, query
):
    url = reverse("api:alliance-list")
    make_alliances(3)
    with django_assert_num_queries(8):
        small = editor_api.get(url, {**query, "page_size": 100})
    make_alliances(27)
    with django_assert_num_queries(8):
        large = editor_api.get(url, {**query, "page_size": 100})

    assert small.json()["count"] == 3
    assert large.json()["count"] == 30
