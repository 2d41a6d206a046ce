"""Counts of long lists from the cache, never stale: the pages' figures and
page counts read a few versions (core.versions) instead of every row.

A count is kept in the "api" cache (settings.CACHES: per process, or shared
between app servers) under its SQL, its parameters and the version of every
table that SQL names, read before the count runs: a write to any of them
commits a new version with its rows, so a later request looks under another
key. A count whose SQL names a table without a version (or a database other
than SQLite and PostgreSQL) is counted every time.
"""

import hashlib

from django.core.cache import caches
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Max, QuerySet
from django.utils.functional import cached_property

from core.api.cache import tables_named
from core.versions import VENDORS, read_versions, versioned_tables

CACHE_ALIAS = "api"
# A day: keys of counts on a given day carry the day in their parameters.
TIMEOUT = 24 * 60 * 60


def cached_count(queryset: QuerySet, limit: int | None = None) -> int:
    """`queryset.count()` (with `limit`, of its first `limit` rows at most),
    from the cache while the tables it reads are as they were; the versions
    from read_versions() (once per request)."""
    if limit is None:
        return _cached(queryset, "count", lambda rows: rows.count())
    return _cached(
        queryset, f"count-{limit}", lambda rows: rows.order_by()[:limit].count()
    )


def cached_latest(queryset: QuerySet, field: str):
    """The greatest `field` of `queryset` (None for none), from the cache as
    cached_count() keeps a count."""
    return _cached(
        queryset, "latest", lambda rows: rows.aggregate(latest=Max(field))["latest"]
    )


def cached_aggregate(queryset: QuerySet, **aggregates) -> dict:
    """`queryset.aggregate(**aggregates)`, from the cache as cached_count()
    keeps a count (the admin's totals of a filtered list)."""
    # deconstruct(): the function, its field and all its options (a default,
    # a filter), which repr() leaves out.
    spec = repr(sorted((name, agg.deconstruct()) for name, agg in aggregates.items()))
    kind = f"aggregate-{hashlib.sha256(spec.encode()).hexdigest()[:16]}"
    return _cached(queryset, kind, lambda rows: rows.aggregate(**aggregates))


def _cached(queryset: QuerySet, kind: str, compute):
    """compute(queryset), kept under its SQL, its parameters and the versions
    of the tables that SQL names (computed every time without them). A
    None is not kept: it is computed again."""
    using = queryset.db
    # A table that never has a version (settings.DATA_VERSIONED_APPS): no
    # SQL made twice, no versions read (a query for nothing).
    versioned = versioned_tables()
    if (
        connections[using].vendor not in VENDORS
        or queryset.model._meta.db_table not in versioned
    ):
        return compute(queryset)
    try:
        sql, params = queryset.order_by().query.sql_with_params()
    except EmptyResultSet:  # no row can match: the ORM asks nothing either
        return compute(queryset)
    tables = tables_named(sql)
    if not tables or not tables.issubset(versioned):
        return compute(queryset)
    versions = read_versions(using)
    if not tables <= versions.keys():
        return compute(queryset)
    state = sorted((table, versions[table]) for table in tables)
    digest = hashlib.sha256(repr((using, sql, params, state)).encode()).hexdigest()
    key = f"{kind}:{digest}"
    cache = caches[CACHE_ALIAS]
    value = cache.get(key)
    if value is None:
        value = compute(queryset)
        cache.set(key, value, TIMEOUT)
    return value


def versions_key(tables: tuple[str, ...]) -> str | None:
    """The versions of `tables` (read_versions(): once per request), for the
    key of a template fragment that shows their rows (`{% cache %}`); None
    when one of them has no version: the fragment is then made every time."""
    versions = read_versions()
    if not all(table in versions for table in tables):
        return None
    return "-".join(str(versions[table]) for table in tables)


class CachedCountMixin:
    """For a Paginator: its count from cached_count() (one small query, the
    versions, while nothing changed)."""

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, QuerySet):
            return cached_count(self.object_list)
        return super().count


class CachedCountPaginator(CachedCountMixin, Paginator):
    pass
