"""The directory's pages past the middle are read from its end (core.paginators
.EitherEndPaginator): each page shows what offset pages show, for the same
queries as the first page."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import MemberCity
from tests import factories
from tests.members.views.utils import names

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_pages():
    """60 active members (24 a page: three pages), and some not listed."""
    for number in range(60):
        factories.MemberCityFactory(
            name=f"City {number:02}",
            population=1_000_000 + (number * 7919) % 60 * 1000,
            join_year=1985 + number % 30,
        )
    factories.MemberCityFactory.create_batch(3, status=MemberCity.Status.WITHDRAWN)


@pytest.mark.parametrize("ordering", [None, "-population", "join_year", "-name"])
def test_every_page_shows_what_offset_pages_show(client, three_pages, ordering):
    # The old paging: OFFSET from the start, in the order asked for.
    order = [ordering] if ordering else ["name"]
    offset_pages = Paginator(
        MemberCity.objects.active()
        .order_by(*order, "pk")
        .values_list("name", flat=True),
        24,
    )
    query = {"ordering": ordering} if ordering else {}

    for number in offset_pages.page_range:
        response = client.get(reverse("members:member-list"), {**query, "page": number})

        assert names(response) == list(offset_pages.page(number))
        assert f"Page {number} of 3" in response.content.decode()


def test_the_last_page_costs_the_queries_of_the_first(
    client, three_pages, django_assert_max_num_queries
):
    directory = reverse("members:member-list")
    client.get(directory)  # the count kept (core.counts)

    # The versions, the page's members, the regions and the countries of the
    # filter form.
    with django_assert_max_num_queries(4):
        client.get(directory, {"page": 3})
    with django_assert_max_num_queries(4):
        client.get(directory, {"page": 1})


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the plan is PostgreSQL's"
)
@pytest.mark.parametrize(
    "ordering, index",
    [
        ("-population", "members_city_people_idx"),
        ("population", "members_city_people_idx"),
        ("-join_year", "members_city_joined_idx"),
        ("country", "members_membercity_status_idx"),
        ("-name", "members_membercity_active_idx"),
    ],
)
def test_every_sort_reads_its_pages_from_an_index(client, three_pages, ordering, index):
    """At 10,000 members a sort without its index sorts every active member
    for each page (directory by population: 39 ms, 22 with the index)."""
    for page in (1, 3):  # the first page, and the last read from the end
        with CaptureQueriesContext(connection) as captured:
            client.get(
                reverse("members:member-list"), {"ordering": ordering, "page": page}
            )
        (rows,) = [q["sql"] for q in captured if " LIMIT " in q["sql"]]
        with connection.cursor() as cursor:
            # A few rows: told not to sort them or read them all, PostgreSQL
            # shows the index it reads at scale.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute(f"EXPLAIN {rows}")
            plan = "\n".join(row[0] for row in cursor.fetchall())

        assert f"using {index}" in plan
        if page == 1:  # (the last page's dozen rows are put back in order)
            assert "Sort" not in plan.replace("Sort Key", "")
