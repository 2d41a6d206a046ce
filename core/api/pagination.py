from django.core.exceptions import EmptyResultSet
from django.core.paginator import InvalidPage
from django.utils.translation import gettext_lazy as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.settings import api_settings
from rest_framework.utils.urls import replace_query_param

from core import keyset
from core.api.prepared import PREPARED, PreparedPage, count_statement, shape_key
from core.paginators import DeferredJoinPaginator

MAX_PAGE_SIZE = 100
# Deeper pages (past a million rows at 100 a page) are read through the ORM,
# which checks the number against the count before it asks for the page: a
# page number of any size is a 404, never an OFFSET the database refuses.
MAX_PREPARED_PAGE = 10_000


class PageSizeMixin:
    """`?page_size=M`, at most 100; a size it cannot read is a 400 naming it."""

    page_size_query_param = "page_size"
    page_size_query_description = _(
        "Results per page: %(max)s at most (a larger size gives %(max)s)."
    ) % {"max": MAX_PAGE_SIZE}
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        # DRF quietly ignores a page size it cannot read; say what is wrong.
        given = request.query_params.get(self.page_size_query_param, "")
        if not given:
            return self.page_size
        try:
            size = int(given)
        except ValueError:
            size = 0
        if size < 1:
            raise ValidationError(
                {self.page_size_query_param: [_("Give a whole number, 1 or more.")]}
            )
        return min(size, self.max_page_size)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters


class PageNumberPagination(PageSizeMixin, pagination.PageNumberPagination):
    """`?page=N&page_size=M` (at most 100); bodies carry count, next and previous."""


class DeferredJoinPagination(PageNumberPagination):
    """Page-number pages found as a deferred join (see core.paginators):
    for a list whose rows are costly to read (joins, subqueries per row),
    where plain OFFSET would read every row it skips. The list's filters
    must not repeat a row (filters on to-many relations through pk__in).

    A view that reads its page as `.values()` rows names them in
    `page_values` (see DeferredJoinPaginator's `fields`)."""

    page_values: tuple = ()

    def paginate_queryset(self, queryset, request, view=None):
        self.page_values = tuple(getattr(view, "page_values", ()))
        return super().paginate_queryset(queryset, request, view)

    def django_paginator_class(self, object_list, per_page):
        return DeferredJoinPaginator(object_list, per_page, fields=self.page_values)

    def prepared_page(self, request, view) -> list | None:
        """The page's rows from statements prepared for its shape
        (core.api.prepared), for a request that names nothing but the page,
        its size and the format; None for any other (the view then reads
        the page through the ORM, as paginate_queryset() does). A page past
        the last is None too: paginate_queryset() says it is not found."""
        allowed = {
            self.page_query_param,
            self.page_size_query_param,
            api_settings.URL_FORMAT_OVERRIDE,
        }
        if not allowed.issuperset(request.query_params):
            return None
        number = request.query_params.get(self.page_query_param, "1")
        if not (number.isascii() and number.isdigit()):
            return None  # "last", or not a number: the ORM's path says
        number = int(number)
        if not 1 <= number <= MAX_PREPARED_PAGE:
            return None
        page_size = self.get_page_size(request)
        key = shape_key(view, page_size, number)
        paginator = self.django_paginator_class((), page_size)
        prepared = kept = PREPARED.get(key)
        if prepared is None:
            prepared = self.prepare(view, page_size, number)
            if prepared is None:
                return None
        rows, paginator.count = prepared.read()
        try:
            number = paginator.validate_number(number)
        except InvalidPage:
            return None
        if kept is None:  # a page that is there: worth keeping
            PREPARED.keep(key, prepared)
        self.request = request
        self.page = paginator._get_page(rows, number, paginator)
        self.display_page_controls = (
            self.template is not None and paginator.num_pages > 1
        )
        return rows

    def prepare(self, view, page_size: int, number: int) -> PreparedPage | None:
        """The statements of page `number` of `view`'s list, from its queryset
        as paginate_queryset() would read it (None if it cannot be)."""
        self.page_values = tuple(getattr(view, "page_values", ()))
        if not self.page_values:
            return None  # model objects: not a prepared page's rows
        queryset = view.filter_queryset(view.get_queryset())
        paginator = self.django_paginator_class(queryset, page_size)
        bottom = (number - 1) * page_size
        try:
            # Not cut at the count (it changes): a LIMIT past the last row
            # reads the same rows.
            rows = paginator.rows(bottom, bottom + page_size)
            return PreparedPage.of(count_statement(queryset), rows)
        except EmptyResultSet:
            return None


class CursorPagination(PageSizeMixin, pagination.CursorPagination):
    """`?cursor=…&page_size=M` (at most 100), for long lists read to the end:
    each page costs the same however deep, and no row is skipped or repeated
    when rows are added meanwhile. Bodies carry next and previous links (no
    count), as DRF's do.

    DRF's cursor holds the first ordering field and an offset among its ties,
    and cannot hold a NULL; the pages here walk every field of the view's
    order, the primary key last, NULLs included (core.keyset, shared with the
    news site's pages). A view may name the fields that hold no NULL for this
    caller in `keyset_non_null()`."""

    cursor_query_description = _(
        "Where the page starts: take it from the `next` or `previous` link "
        "of another page. Without it, the first page."
    )
    invalid_cursor_message = _(
        "This cursor does not belong to this list (or its order): follow the "
        "next and previous links, or start again without a cursor."
    )

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.base_url = request.build_absolute_uri()
        non_null = view.keyset_non_null() if hasattr(view, "keyset_non_null") else ()
        cursor = request.query_params.get(self.cursor_query_param) or None
        try:
            self.page = keyset.paginate(
                queryset, cursor, self.get_page_size(request), non_null
            )
        except keyset.InvalidCursor:
            raise ValidationError(
                {self.cursor_query_param: [self.invalid_cursor_message]}
            ) from None
        self.has_next = self.page.next_cursor is not None
        self.has_previous = self.page.previous_cursor is not None
        return self.page.rows

    def link(self, cursor: str | None) -> str | None:
        if cursor is None:
            return None
        return replace_query_param(self.base_url, self.cursor_query_param, cursor)

    def get_next_link(self):
        return self.link(self.page.next_cursor)

    def get_previous_link(self):
        return self.link(self.page.previous_cursor)
