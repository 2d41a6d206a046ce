"""Data versions: one number per table, changed by every statement that writes
to the table, in the writer's own transaction.

The database does it, with triggers (installed after every `migrate`, see
`install_triggers`), so that no write escapes: services, the admin, the API,
`QuerySet.update()`, `bulk_create`, raw SQL, loaddata and `generate_bulk` alike.
A version is a new random number at each write statement, not a counter: a
database created anew, restored or rolled back never meets the numbers of
another state of its rows. What reads versions (core.api.cache) compares them
for equality only.

The tables are those of the models of settings.DATA_VERSIONED_APPS (their
many-to-many tables included, their django-simple-history tables not: no list
shows those). On PostgreSQL one trigger per table runs once per statement
(`FOR EACH STATEMENT`, TRUNCATE included); SQLite has row triggers only, three
per table. Either way the write updates one row of core_dataversion, which it
holds until it commits: writes to the same table wait for each other's commit
(see README, "API cache").
"""

import functools
import secrets
from contextlib import ExitStack, contextmanager
from contextvars import ContextVar

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from simple_history.models import HistoricalChanges

TABLE = "core_dataversion"
FUNCTION = "core_dataversion_bump"
TRIGGER = "core_dataversion_bump"  # PostgreSQL: a trigger's name is per table
VENDORS = ("postgresql", "sqlite")

# A random version (PostgreSQL's random() has 52 bits, SQLite's 64).
PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE {TABLE} SET version = floor(random() * 4503599627370496)::bigint
    WHERE name = TG_TABLE_NAME;
    RETURN NULL;
END;
$$
"""
SQLITE_OPERATIONS = ("insert", "update", "delete")


@functools.cache
def versioned_tables() -> tuple[str, ...]:
    """The tables whose writes change a version, in name order (worked out
    once per process: kept counts ask at every count)."""
    tables = set()
    for label in settings.DATA_VERSIONED_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            opts = model._meta
            if opts.proxy or not opts.managed or issubclass(model, HistoricalChanges):
                continue
            tables.add(opts.db_table)
    return tuple(sorted(tables))


def random_version() -> int:
    return secrets.randbits(52)


def _sqlite_trigger(table: str, operation: str) -> str:
    return (
        f'CREATE TRIGGER IF NOT EXISTS "{TRIGGER}_{table}_{operation}" '
        f'AFTER {operation.upper()} ON "{table}" BEGIN '
        f"UPDATE {TABLE} SET version = random() WHERE name = '{table}'; END"
    )


def _pg_trigger(table: str) -> str:
    return (
        f"CREATE OR REPLACE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE "
        f'OR TRUNCATE ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()'
    )


def install_triggers(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Give every versioned table that exists its version row and its
    triggers, and every version a new value; the tables done.

    Run after every `migrate` (and `flush`): SQLite drops a table's triggers
    when a migration rebuilds the table, and a migration may have changed rows
    while they were missing, hence new values for all. Idempotent."""
    connection = connections[using]
    if connection.vendor not in VENDORS:
        return []  # no versions: core.api.cache answers every list afresh
    existing = set(connection.introspection.table_names())
    if TABLE not in existing:
        return []  # core's migration has not run (yet)
    tables = [table for table in versioned_tables() if table in existing]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(PG_FUNCTION)
        for table in tables:
            if connection.vendor == "postgresql":
                cursor.execute(_pg_trigger(table))
            else:
                for operation in SQLITE_OPERATIONS:
                    cursor.execute(_sqlite_trigger(table, operation))
            cursor.execute(
                f"INSERT INTO {TABLE} (name, version) VALUES (%s, %s) "
                "ON CONFLICT (name) DO UPDATE SET version = excluded.version",
                [table, random_version()],
            )
    return tables


# What read_versions() read in this request, by database (versions_per_request).
_read: ContextVar[dict[str, dict[str, int]] | None] = ContextVar(
    "data_versions", default=None
)


def read_versions(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Every table's version. In a request (versions_per_request()), the
    one reader of them all: the page's counts (core.counts), its fragments
    and the API's cached lists (core.api.cache) share one query; elsewhere
    one query per call."""
    read = _read.get()
    if read is None:
        return query_versions(using)
    if using not in read:
        read[using] = query_versions(using)
    return read[using]


def query_versions(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Every table's version, in one query (plain SQL: it is all a cached
    page costs besides authentication, and the ORM would double it)."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT name, version FROM {TABLE}")
        return dict(cursor.fetchall())


@contextmanager
def versions_per_request():
    """Within, read_versions() reads each database's versions once, and again
    after any statement but a SELECT (a write changes versions: what the
    request shows after it must be keyed by the new ones)."""
    read: dict[str, dict[str, int]] = {}

    def forget_on_write(execute, sql, params, many, context):
        if sql.lstrip()[:6].upper() != "SELECT":
            read.clear()
        return execute(sql, params, many, context)

    token = _read.set(read)
    try:
        with ExitStack() as stack:
            for alias in connections:
                stack.enter_context(connections[alias].execute_wrapper(forget_on_write))
            yield
    finally:
        _read.reset(token)
