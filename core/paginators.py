"""Offset pages for the site's long lists."""

from django.core.paginator import Paginator


class DeferredJoinPaginator(Paginator):
    """Page N as a "deferred join": the page's keys are found first, in a
    subquery that walks the ordered keys alone (an index holds them), then
    only those rows are read with their joins. Plain OFFSET reads and joins
    every row it skips, so the last page of a long list would cost many
    times the first; this way it costs little more."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = self.object_list.values("pk")[bottom:top]
        return self._get_page(self.object_list.filter(pk__in=keys), number, self)
