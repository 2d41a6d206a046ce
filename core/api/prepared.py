"""Prepared pages: a hot list's SQL compiled once per process and shape.

Made afresh, the member list spent more time building and compiling its
queryset (the visible rows, today's roles, the page's columns in every
language, the count, Django's compiler) than the database spent answering it.
Yet for the requests a list gets most, with no filter, search or order of the
caller's, only a page and its size, that SQL is the same every time: the
data is not in it, only its shape.

A `Prepared` store keeps, per process, the statement of such a page (its
rows as `.values()` dicts, with the list's count in the same query, as the
bench's baseline reads it) under everything its SQL depends on: the view, who
is asking (`etag_scope()`), the day, the language, the database, the page and
its size. The first request of a shape compiles it from the view's own
queryset (the same `visible()`, filters and paginator as every other
request), the next ones only run it. Rows are converted as `.values()`
converts them (Django's compiler's converters), so a prepared page equals the
one the ORM reads (tests/metropolis/api/test_prepared.py).

Only a view whose queryset is built without reading the database may be
prepared (a filter by an object looked up would put that object's key in the
SQL): a query parameter other than the page's keeps the ORM's path.
"""

import copy
import threading
from collections import OrderedDict

from django.db import connections, router
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import get_language

# The count's name among the page's columns (not a field's name).
TOTAL = "prepared_list_total"
# Shapes kept per process, the least recently used dropped past it: a shape
# holds its compiled query, about 60 kB (the member list at `large`), so at
# most 8 MB a worker; the first pages in three languages for a few scopes.
MAX_SHAPES = 128


class Statement:
    """One compiled SELECT and how to turn its rows into what the ORM gives."""

    __slots__ = ("compiler", "converters", "names", "params", "sql", "using")

    def __init__(self, using, sql, params, names=(), compiler=None, converters=()):
        self.using = using
        self.sql = sql
        self.params = params
        self.names = tuple(names)
        self.compiler = compiler
        self.converters = converters

    @classmethod
    def of_values(cls, queryset: QuerySet) -> "Statement":
        """`queryset`, a `.values()` queryset, compiled as its iteration
        compiles it (django.db.models.query.ValuesIterable). EmptyResultSet
        when it can match no row."""
        query = queryset.query
        compiler = query.get_compiler(queryset.db)
        sql, params = compiler.as_sql()
        fields = [select[0] for select in compiler.select[: compiler.col_count]]
        names = [*query.extra_select, *query.values_select, *query.annotation_select]
        converters = compiler.get_converters(fields)
        return cls(queryset.db, sql, params, names, compiler, converters)

    def _execute(self, cursor) -> None:
        cursor.execute(self.sql, self.params)

    def rows(self) -> list[dict]:
        connection = connections[self.using]
        with connection.cursor() as cursor:
            self._execute(cursor)
            rows = cursor.fetchall()
        if self.converters:
            # The compiler's converters, given this thread's connection (a
            # threaded server has one per thread), not the one it compiled on.
            compiler = copy.copy(self.compiler)
            compiler.connection = connection
            rows = compiler.apply_converters(rows, self.converters)
        names = self.names
        return [dict(zip(names, row, strict=True)) for row in rows]

    def scalar(self):
        with connections[self.using].cursor() as cursor:
            self._execute(cursor)
            return cursor.fetchone()[0]


def count_statement(queryset: QuerySet) -> Statement:
    """`queryset.count()` as one statement: COUNT(*) over its keys (the
    database plans it as the count itself). EmptyResultSet when it can
    match no row."""
    keys = queryset.order_by().values("pk")
    sql, params = keys.query.get_compiler(queryset.db).as_sql()
    return Statement(queryset.db, f"SELECT COUNT(*) FROM ({sql}) counted", params)


class PreparedPage:
    """A page's statements: its rows with the list's count in the same query
    (a scalar subquery, as the bench's baseline reads it: one round trip),
    and the count alone, for a page that has no row."""

    __slots__ = ("count", "rows")

    def __init__(self, count: Statement, rows: Statement):
        self.count = count
        self.rows = rows

    @classmethod
    def of(cls, count: Statement, rows: QuerySet) -> "PreparedPage":
        """From the count's statement and the page's `.values()` queryset.
        EmptyResultSet when the page can match no row."""
        counted = rows.annotate(**{TOTAL: RawSQL(count.sql, count.params)})
        return cls(count, Statement.of_values(counted))

    def read(self) -> tuple[list[dict], int]:
        """The page's rows, as `.values()` gives them, and the list's count."""
        rows = self.rows.rows()
        if not rows:
            return rows, self.count.scalar()
        total = rows[0][TOTAL]
        for row in rows:
            del row[TOTAL]
        return rows, total


class Prepared:
    """The prepared pages of this process, the least recently used dropped
    past MAX_SHAPES. Safe to share between threads."""

    def __init__(self, max_shapes: int = MAX_SHAPES):
        self.max_shapes = max_shapes
        self.pages: OrderedDict[tuple, PreparedPage] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple) -> PreparedPage | None:
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def keep(self, key: tuple, page: PreparedPage) -> None:
        with self.lock:
            self.pages[key] = page
            self.pages.move_to_end(key)
            while len(self.pages) > self.max_shapes:
                self.pages.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.pages.clear()


PREPARED = Prepared()


def shape_key(view, *parts) -> tuple:
    """What a page's SQL depends on besides `parts` (the page, its size)."""
    return (
        type(view),
        view.etag_scope(),
        view.today.isoformat(),
        get_language() or "",
        router.db_for_read(view.queryset.model),
        *parts,
    )
