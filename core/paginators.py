"""Offset pages for the site's long lists."""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

from core.content import stored_values


class DeferredJoinPaginator(Paginator):
    """Page N as a "deferred join": the page's keys are found first, in a
    subquery that walks the ordered keys alone (an index holds them), then
    only those rows are read with their joins. Plain OFFSET reads and joins
    every row it skips, so the last page of a long list would cost many
    times the first; this way it costs little more.

    `fields`, if given, reads the page's rows as `QuerySet.values(*fields)`
    dicts (core.content.stored_values: the columns as stored). They are
    applied to the page alone: the joins they need stay out of the keys'
    subquery, which an index then answers by itself."""

    def __init__(self, object_list, per_page, *args, fields: tuple = (), **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.fields = tuple(fields)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(self.rows(bottom, top), number, self)

    def rows(self, bottom: int, top: int):
        """The rows from `bottom` to `top` (excluded), in order: a queryset."""
        if bottom == 0:
            # The first page skips no row: its LIMIT alone reads only its rows.
            rows = self.object_list[:top]
        else:
            rows = self.object_list.filter(pk__in=self.page_keys(bottom, top))
        if self.fields:
            rows = stored_values(rows, *self.fields)
        return rows

    def page_keys(self, bottom: int, top: int) -> QuerySet:
        """The keys of the rows from `bottom` to `top` (excluded), in order."""
        return self.object_list.values("pk")[bottom:top]


class EitherEndPaginator(DeferredJoinPaginator):
    """Deferred-join pages whose keys are read from the nearer end: a page
    past the middle walks the order backwards (the same index, read the
    other way) and skips only the rows after it, so the last page costs what
    the first does, where an OFFSET from the start skips every row before it.
    Page N holds the same rows either way: the order is made total by the
    primary key (the rows it leaves tied would otherwise come in any order,
    and not the same from each end). Needs an exact `count` (a cached one,
    core.counts, keeps the pages cheap)."""

    def __init__(self, object_list, per_page, *args, **kwargs):
        super().__init__(total_order(object_list), per_page, *args, **kwargs)

    def page_keys(self, bottom: int, top: int) -> QuerySet:
        from_end = self.count - top
        if from_end >= bottom:
            return super().page_keys(bottom, top)
        # QuerySet.reverse() turns every term of the order, NULLs' place too.
        return self.object_list.reverse().values("pk")[from_end : self.count - bottom]


def total_order(queryset: QuerySet) -> QuerySet:
    """`queryset` in its own order with the primary key last, in the
    direction of the term before it (one index on the fields and the key
    serves the order and its reverse), unless a primary key term is
    already in it."""
    if not isinstance(queryset, QuerySet):
        return queryset
    query = queryset.query
    if query.order_by:
        ordering = list(query.order_by)
    elif query.default_ordering:
        ordering = list(queryset.model._meta.ordering)
    else:
        ordering = []
    pk_names = {"pk", queryset.model._meta.pk.name}
    if not any(
        isinstance(term, str) and term.lstrip("-") in pk_names for term in ordering
    ):
        descending = bool(ordering) and str(ordering[-1]).startswith("-")
        ordering.append("-pk" if descending else "pk")
    return queryset.order_by(*ordering)


class BoundedCountPaginator(Paginator):
    """For searches: counts `limit` + 1 rows at most (a COUNT over a LIMIT
    subquery), so that a word in every other post costs what a rare one
    does. Past `limit`, `count` is `limit` (the pages reach that far: the
    person narrows the search) and `more` is True ("more than 1,000"). The
    count is kept until a table it reads is written to (core.counts): the
    next page of the same search, or the same search again, counts nothing
    (a word in 35,000 posts: 50 ms to count its first thousand)."""

    limit = 1000

    @cached_property
    def counted(self) -> int:
        # Here: core.counts imports the API's cache, which imports this module.
        from core.counts import cached_count

        if isinstance(self.object_list, QuerySet):
            # No order: which rows are counted does not matter, only how many.
            return cached_count(self.object_list, limit=self.limit + 1)
        return len(self.object_list)

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.limit)

    @property
    def more(self) -> bool:
        return self.counted > self.limit
