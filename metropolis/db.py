"""
Database helpers shared by the apps: calendar arithmetic that runs the same in
Python, SQLite and PostgreSQL, and constraints only PostgreSQL can express.
"""

import datetime

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateRangeField, RangeOperators
from django.db import DEFAULT_DB_ALIAS, connections, models, router
from django.db.backends.signals import connection_created
from django.db.models import lookups
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
    violation, which metropolis.api.integrity reports as a 400.
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


@models.IntegerField.register_lookup
class IntegerFieldIn(lookups.In):
    """`pk__in=[…]` where a value that is no integer in the column's range
    matches nothing, as Django's own `exact` does for out-of-range numbers.

    Forms look keys up this way: the admin's autocomplete widget, showing a
    refused form again, would otherwise fail on a key like "abc", and SQLite on
    one like 10**20, with a 500 instead of the form's message.
    """

    def get_prep_lookup(self):
        if self.rhs_is_direct_value() and isinstance(
            self.rhs, list | tuple | set | frozenset
        ):
            field = self.lhs.output_field
            kept = []
            for value in self.rhs:
                try:
                    kept.append(
                        value
                        if value is None or hasattr(value, "resolve_expression")
                        else field.get_prep_value(value)
                    )
                except (TypeError, ValueError):
                    continue
            self.rhs = kept
        return super().get_prep_lookup()

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)
