"""Offset pages for the site's long lists."""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property


class DeferredJoinPaginator(Paginator):
    """Page N as a "deferred join": the page's keys are found first, in a
    subquery that walks the ordered keys alone (an index holds them), then
    only those rows are read with their joins. Plain OFFSET reads and joins
    every row it skips, so the last page of a long list would cost many
    times the first; this way it costs little more.

    `fields`, if given, reads the page's rows as `QuerySet.values(*fields)`
    dicts. They are applied to the page alone: the joins they need stay out
    of the keys' subquery, which an index then answers by itself."""

    def __init__(self, object_list, per_page, *args, fields: tuple = (), **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.fields = tuple(fields)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = self.object_list.values("pk")[bottom:top]
        rows = self.object_list.filter(pk__in=keys)
        if self.fields:
            rows = rows.values(*self.fields)
        return self._get_page(rows, number, self)


class BoundedCountPaginator(Paginator):
    """For searches: counts `limit` + 1 rows at most (a COUNT over a LIMIT
    subquery), so that a word in every other post costs what a rare one
    does. Past `limit`, `count` is `limit` (the pages reach that far: the
    person narrows the search) and `more` is True ("more than 1,000")."""

    limit = 1000

    @cached_property
    def counted(self) -> int:
        if isinstance(self.object_list, QuerySet):
            # No order: which rows are counted does not matter, only how many.
            return self.object_list.order_by()[: self.limit + 1].count()
        return len(self.object_list)

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.limit)

    @property
    def more(self) -> bool:
        return self.counted > self.limit
