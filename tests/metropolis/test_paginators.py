"""The directory's deferred-join pages hold what plain offset pages hold."""

import pytest
from django.core.paginator import Paginator

from core.paginators import DeferredJoinPaginator
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
        # The keys come from the cities alone: the region's join is the page's.
        keys_sql = str(page.object_list.query).split(" IN (SELECT ", 1)[1]
        assert "JOIN" not in keys_sql.upper()
        assert list(page) == list(plain.page(number))
