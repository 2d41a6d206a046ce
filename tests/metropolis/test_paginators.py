"""The directory's deferred-join pages hold what plain offset pages hold,
whichever end they are read from."""

import pytest
from django.core.paginator import Paginator

from core.paginators import DeferredJoinPaginator, EitherEndPaginator
from members.models import MemberCity
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "ordering", [["name"], ["-population", "pk"], ["country", "-name"]]
)
@pytest.mark.parametrize("orphans", [0, 3])
def test_every_page_is_the_plain_offset_page(ordering, orphans):
    for number in range(23):
        factories.MemberCityFactory(
            name=f"City {number % 7} {number}",
            population=1_000_000 + (number % 5) * 1000,
            country=["FR", "SN", "CN"][number % 3],
        )
    members = MemberCity.objects.select_related("region").order_by(*ordering)
    plain = Paginator(members, 5, orphans=orphans)
    deferred = DeferredJoinPaginator(members, 5, orphans=orphans)

    assert deferred.num_pages == plain.num_pages
    for number in plain.page_range:
        assert list(deferred.page(number)) == list(plain.page(number))


def test_pages_read_as_values_hold_the_plain_pages_rows_and_keys_need_no_join():
    for number in range(12):
        factories.MemberCityFactory(name=f"City {number:02}")
    members = MemberCity.objects.select_related("region").order_by("name", "pk")
    fields = ("pk", "name", "region__name")
    plain = Paginator(members.values(*fields), 5)
    deferred = DeferredJoinPaginator(members, 5, fields=fields)

    for number in plain.page_range:
        page = deferred.page(number)
        sql = str(page.object_list.query)
        if number == 1:
            # The first page skips no row: a LIMIT, no keys' subquery.
            assert " IN (SELECT " not in sql
        else:
            # The keys come from the cities alone: the region's join is the page's.
            keys_sql = sql.split(" IN (SELECT ", 1)[1]
            assert "JOIN" not in keys_sql.upper()
        assert list(page) == list(plain.page(number))


@pytest.mark.parametrize(
    "ordering",
    [["name"], ["-population"], ["population", "-name"], ["country"], ["-pk"]],
)
@pytest.mark.parametrize("orphans", [0, 3])
def test_pages_from_either_end_are_the_plain_offset_pages(ordering, orphans):
    for number in range(23):
        factories.MemberCityFactory(
            name=f"City {number % 7} {number}",
            # Ties and empty populations: the primary key orders the ties.
            population=None if number % 6 == 0 else 1_000_000 + (number % 4) * 1000,
            population_year=None if number % 6 == 0 else 2020,
            country=["FR", "SN", "CN"][number % 3],
        )
    members = MemberCity.objects.select_related("region").order_by(*ordering)
    # Ties by the primary key, in the direction of the last term.
    tie = "-pk" if ordering[-1].startswith("-") else "pk"
    plain = Paginator(members.order_by(*ordering, tie), 5, orphans=orphans)
    either = EitherEndPaginator(members, 5, orphans=orphans)

    assert either.num_pages == plain.num_pages
    for number in plain.page_range:
        assert list(either.page(number)) == list(plain.page(number))


def test_the_last_pages_keys_are_read_from_the_end():
    factories.MemberCityFactory.create_batch(12)
    either = EitherEndPaginator(MemberCity.objects.order_by("name"), 5)

    first = str(either.page(1).object_list.query).split(" ORDER BY ", 1)[1]
    last_keys = str(either.page(3).object_list.query).split(" IN (SELECT ", 1)[1]

    # The first page is a plain LIMIT in the list's order.
    assert "OFFSET" not in first.upper()
    assert "DESC" not in first.upper()
    # The last page's two rows are the first two of the reversed order.
    assert "OFFSET" not in last_keys.upper()
    assert "DESC" in last_keys.upper()
