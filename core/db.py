"""
Database helpers shared by the apps: calendar arithmetic that runs the same in
Python, SQLite and PostgreSQL, constraints only PostgreSQL can express, and a
word search that uses PostgreSQL's full-text index and gives SQLite the same
answers.
"""

import datetime
import functools
import operator
import re
import unicodedata

import orjson
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateRangeField, RangeOperators
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorExact
from django.db import DEFAULT_DB_ALIAS, connections, models, router
from django.db.backends.ddl_references import Statement
from django.db.backends.signals import connection_created
from django.db.models.functions import Upper
from django.dispatch import receiver


def add_years(day: datetime.date, years: int) -> datetime.date:
    """`day` moved by whole calendar years; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def term_end(start: datetime.date | None, years: int | None) -> datetime.date | None:
    """Last day (inclusive) of a term of `years` years that starts on `start`.

    A three-year term from 15 July 2021 ends on 14 July 2024.
    """
    if start is None or years is None:
        return None
    return add_years(start, years) - datetime.timedelta(days=1)


def _sqlite_term_end(start: str | None, years: int | None) -> str | None:
    if start is None or years is None:
        return None
    return term_end(datetime.date.fromisoformat(start), years).isoformat()


@receiver(connection_created)
def _register_sqlite_functions(sender, connection, **kwargs):
    # SQLite has no calendar-year arithmetic that clamps 29 February the way
    # PostgreSQL does, so it runs the same Python function as the models.
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "metropolis_term_end", 2, _sqlite_term_end, deterministic=True
        )


class TermEnd(models.Func):
    """SQL twin of `term_end()`: the inclusive last day of a term in years."""

    arity = 2
    output_field = models.DateField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, function="metropolis_term_end", **extra_context
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        # date + interval clamps 29 February to 28 February, as add_years() does.
        template = "(((%(start)s) + make_interval(years => (%(years)s)))::date - 1)"
        start_sql, start_params = compiler.compile(self.source_expressions[0])
        years_sql, years_params = compiler.compile(self.source_expressions[1])
        return template % {"start": start_sql, "years": years_sql}, (
            *start_params,
            *years_params,
        )


class DateRange(models.Func):
    """PostgreSQL `daterange(start, end, '[]')`: an open end runs forever."""

    function = "DATERANGE"
    output_field = DateRangeField()

    def __init__(self, start, end, **extra):
        super().__init__(start, end, models.Value("[]"), **extra)


class PostgresOnlyMixin:
    """A constraint created on PostgreSQL and skipped on other databases.

    Model validation never runs it: the model's clean() holds the same rule in
    Python, so that SQLite stays correct and messages name the field.
    """

    def _supported(self, schema_editor) -> bool:
        return schema_editor.connection.vendor == "postgresql"

    def constraint_sql(self, model, schema_editor):
        return (
            super().constraint_sql(model, schema_editor)
            if self._supported(schema_editor)
            else None
        )

    def create_sql(self, model, schema_editor):
        return (
            super().create_sql(model, schema_editor)
            if self._supported(schema_editor)
            else None
        )

    def remove_sql(self, model, schema_editor):
        return (
            super().remove_sql(model, schema_editor)
            if self._supported(schema_editor)
            else None
        )

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        return None


class PostgresExclusionConstraint(PostgresOnlyMixin, ExclusionConstraint):
    pass


class PostgresCheckConstraint(PostgresOnlyMixin, models.CheckConstraint):
    pass


class PostgresGinIndex(GinIndex):
    """A GIN index created on PostgreSQL only (e.g. over `search_vector()`).

    Elsewhere its SQL is a comment: the schema editor runs an index's SQL
    whenever it creates or remakes the table (SQLite remakes tables to alter
    them), so it needs a statement, one that does nothing.
    """

    def _supported(self, schema_editor) -> bool:
        return schema_editor.connection.vendor == "postgresql"

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if self._supported(schema_editor):
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        return Statement("-- %(name)s: PostgreSQL only", name=self.name)

    def remove_sql(self, model, schema_editor, **kwargs):
        if self._supported(schema_editor):
            return super().remove_sql(model, schema_editor, **kwargs)
        return Statement("-- %(name)s: PostgreSQL only", name=self.name)


def trigram_index(field: str, *, name: str) -> PostgresGinIndex:
    """A trigram index on PostgreSQL for `field__icontains`, the admin's
    search: Django writes it UPPER("field"::text) LIKE UPPER('%term%'), which
    no B-tree serves; a GIN index of the trigrams of UPPER(field) does, for
    terms of three characters or more, when the search asks one table at a
    time (core.admin_search). Needs the pg_trgm extension (the members app's
    migration 0016 creates it)."""
    return PostgresGinIndex(OpClass(Upper(field), name="gin_trgm_ops"), name=name)


# Word search ----------------------------------------------------------------

# The "simple" configuration lowercases words and keeps every one: no
# stemming and no stop words, whatever the language of a city's name.
SEARCH_CONFIG = "simple"
# A search box's text is words; more than this many are ignored, and a word is
# cut to this length (PostgreSQL indexes no word over 2047 bytes).
SEARCH_MAX_WORDS = 16
SEARCH_MAX_WORD_LENGTH = 64
# Runs of letters and digits, as PostgreSQL's text-search parser splits
# ordinary text: hyphens, apostrophes, underscores and other punctuation
# separate words; accented letters are letters.
WORD = re.compile(r"[^\W_]+")


def search_words(text: str) -> list[str]:
    """The words of a search box's text; punctuation only separates them."""
    words = WORD.findall(unicodedata.normalize("NFC", text))
    return [word[:SEARCH_MAX_WORD_LENGTH] for word in words[:SEARCH_MAX_WORDS]]


def search_vector(*fields: str) -> SearchVector:
    """The full-text document of `fields`. A GIN index over this very
    expression (PostgresGinIndex) is what word_search() uses on PostgreSQL."""
    return SearchVector(*fields, config=SEARCH_CONFIG)


def word_search(
    queryset: models.QuerySet, fields: tuple[str, ...], text: str
) -> models.QuerySet:
    """Rows where every word of `text` starts a word of one of `fields`,
    whatever the case: "barc harb" finds "Barcelona" whose summary says
    "harbours". Text without a word (blank, punctuation only) filters nothing.

    On PostgreSQL, a prefix query on `search_vector(*fields)`, which an index
    over the same expression answers; elsewhere a regular expression per word
    and field, on every row (see _word_start).
    """
    words = search_words(text)
    if not words:
        return queryset
    if connections[queryset.db].vendor == "postgresql":
        # Each word is letters and digits only: quoting it leaves nothing for
        # tsquery syntax (& | ! ( ) : * ' \) to act on.
        query = SearchQuery(
            " & ".join(f"'{word}':*" for word in words),
            search_type="raw",
            config=SEARCH_CONFIG,
        )
        return queryset.filter(SearchVectorExact(search_vector(*fields), query))
    return queryset.filter(
        *(
            functools.reduce(operator.or_, (_word_start(f, word) for f in fields))
            for word in words
        )
    )


def _word_start(field: str, word: str) -> models.Q:
    """`field` has a word that starts with `word`, whatever the case."""
    starts = models.Q(**{f"{field}__iregex": rf"(^|[\W_]){re.escape(word)}"})
    if word.isascii():
        # LIKE runs in SQLite itself, the expression in Python: it leaves the
        # expression only the rows that hold the word somewhere. (LIKE ignores
        # the case of ASCII letters only.)
        return models.Q(**{f"{field}__icontains": word}) & starts
    return starts


class GroupConcat(models.Aggregate):
    """The values joined by commas, in no set order: SQLite's GROUP_CONCAT,
    PostgreSQL's STRING_AGG. (Django 5.2 has StringAgg for PostgreSQL only.)"""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(distinct)s%(expressions)s, ',')"
    output_field = models.TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="STRING_AGG", **extra_context)


class JSONRowsField(models.JSONField):
    """What JSONRows gives: lists of lists, sorted once read where the
    database could not order them (see JSONRows)."""

    def __init__(self, *args, order_by: tuple[int, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.order_by_indexes = order_by

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        rows = orjson.loads(value)  # a quarter of json.loads' time
        indexes = self.order_by_indexes
        if rows and indexes and connection.vendor != "postgresql":
            rows.sort(key=lambda row: [row[index] for index in indexes])
        return rows


class JSONRows(models.Aggregate):
    """The group's rows as one JSON list of lists, `[expression, …]` for each
    row, ordered by the expressions at the indexes `order_by`: a page's
    related rows read inside its own query, as a correlated subquery
    grouped by the page's row. PostgreSQL orders in the aggregate
    (JSONB_AGG(… ORDER BY …), in the column's collation); SQLite 3.40 cannot
    (JSON_GROUP_ARRAY), so the lists are sorted once read (JSONRowsField), in
    code point order, which is how SQLite's BINARY collation orders text."""

    function = "JSON_GROUP_ARRAY"
    template = "%(function)s(JSON_ARRAY(%(expressions)s))"

    def __init__(self, *expressions, order_by: tuple[int, ...] = (), **extra):
        extra.setdefault("output_field", JSONRowsField(order_by=order_by))
        super().__init__(*expressions, **extra)
        self.order_by_indexes = order_by

    def as_postgresql(self, compiler, connection, **extra_context):
        # The expressions alone: Aggregate's sources end with its filter.
        parts = models.Func.get_source_expressions(self)
        compiled = [compiler.compile(part) for part in parts]
        columns = ", ".join(sql for sql, _ in compiled)
        params = [param for _, part_params in compiled for param in part_params]
        order = ""
        if self.order_by_indexes:
            keys = [compiled[index] for index in self.order_by_indexes]
            order = " ORDER BY " + ", ".join(sql for sql, _ in keys)
            params += [param for _, key_params in keys for param in key_params]
        return f"JSONB_AGG(JSONB_BUILD_ARRAY({columns}){order})", params


def no_overlap(name: str, *, start: str, end: str, same: tuple[str, ...] = (), **kw):
    """Exclusion constraint: no two rows (equal on `same`) with overlapping dates."""
    return PostgresExclusionConstraint(
        name=name,
        expressions=[
            *((field, RangeOperators.EQUAL) for field in same),
            (DateRange(start, end), RangeOperators.OVERLAPS),
        ],
        **kw,
    )


def lock_exclusion_guarded_table(model: type[models.Model]) -> None:
    """On PostgreSQL, if `model` has exclusion constraints: make this
    transaction its table's only writer until it ends (reads go on). Call it in
    `transaction.atomic()`, before writing.

    Two transactions that insert conflicting rows at once may each wait for the
    other's row, and PostgreSQL then aborts one with a deadlock error rather
    than the constraint's violation. One writer at a time leaves the plain
    violation, which core.api.integrity reports as a 400.
    """
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql" or not any(
        isinstance(constraint, ExclusionConstraint)
        for constraint in model._meta.constraints
    ):
        return
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        # Conflicts with itself and with every write, not with reads.
        cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")


def overlaps(start: datetime.date, end: datetime.date | None) -> models.Q:
    """Rows whose inclusive [start_date, end_date] meets [start, end].

    An empty end date, on either side, means "still running".
    """
    q = models.Q(end_date__isnull=True) | models.Q(end_date__gte=start)
    if end is not None:
        q &= models.Q(start_date__lte=end)
    return q


def current_on(day: datetime.date) -> models.Q:
    """Rows whose inclusive [start_date, end_date] contains `day`."""
    return overlaps(day, day)
