"""Every changelist of the admin, and its search, costs the same number of
queries whatever the number of rows: the demo alone, then with bulk data
(tools.bulk, scale tiny) added."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.admin_utils import admin_url
from tests.demo_utils import load_demo
from tools.bulk import SCALES, generate

pytestmark = pytest.mark.django_db

# Of the queries the bench's admin section counts at `large`, a changelist
# needs at most this many: the session, the user, the counts, the page, its
# filters' choices.
MAX_QUERIES = 12


def changelists() -> list[tuple[str, dict]]:
    """(url, query) of every changelist registered, and of its search."""
    pages = []
    for model, model_admin in admin.site._registry.items():
        url = admin_url(model._meta.label_lower, "changelist")
        pages.append((url, {}))
        if model_admin.search_fields:
            pages.append((url, {"q": "harbour"}))
    return pages


def query_counts(client) -> dict[str, int]:
    counts = {}
    for url, query in changelists():
        client.get(url, query)  # sessions, caches, content types: warm
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, query)
        assert response.status_code == 200, (url, query)
        counts[f"{url}?{'&'.join(query)}"] = len(captured)
    return counts


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


def test_no_changelist_costs_more_queries_with_more_rows(superuser_client):
    load_demo()
    with_demo = query_counts(superuser_client)

    generate(scale=SCALES["tiny"])
    with_bulk = query_counts(superuser_client)

    grown = {
        page: (with_demo[page], count)
        for page, count in with_bulk.items()
        if count != with_demo[page]
    }
    assert grown == {}
    too_many = {page: n for page, n in with_bulk.items() if n > MAX_QUERIES}
    assert too_many == {}
