"""Offset pages for the site's long lists."""

from django.core.paginator import Paginator


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
