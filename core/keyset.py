"""Keyset ("cursor") pagination: a page is the rows after (or before) a
position in a total order, so a page deep in a long list costs what the first
one does, and pages never skip or repeat a row when rows are added meanwhile.

The order is the queryset's: its model fields (no lookups across relations),
with the primary key appended when missing so that it is total. A cursor
carries the sort values of the row it points at and the direction, as URL-safe
base64 of JSON; it is not a secret, and a cursor that does not fit the order
is refused with InvalidCursor (never a database error).

NULLs sort where the database puts them without being told (PostgreSQL: after
every value ascending; SQLite: before), so that an index on the sort columns
serves the ORDER BY on both.
"""

import base64
import binascii
import datetime
import json
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import connections, models
from django.db.models import Q
from django.utils.dateparse import parse_datetime


class InvalidCursor(ValueError):
    """The cursor cannot be read, or was made for another order."""


@dataclass(frozen=True)
class Key:
    field: models.Field
    descending: bool
    # False when the rows paginated hold no NULL here, whatever the field allows.
    nullable: bool = True

    @property
    def name(self) -> str:
        return self.field.attname

    def term(self) -> str:
        return f"-{self.name}" if self.descending else self.name


@dataclass
class KeysetPage:
    rows: list
    # Cursors to the neighbouring pages; None when there is none.
    next_cursor: str | None
    previous_cursor: str | None


def ordering_keys(queryset: models.QuerySet, non_null=()) -> list[Key]:
    """The queryset's order as keys, the primary key last (added if missing,
    in the direction of the last key, so that one index serves the order).

    `non_null` names fields the caller knows to hold no NULL in this queryset
    (e.g. the publish time of published posts): their cursors then get a
    bound an index can use on every database."""
    meta = queryset.model._meta
    terms = list(queryset.query.order_by) or list(meta.ordering)
    keys: list[Key] = []
    for term in terms:
        if not isinstance(term, str) or "__" in term or term.startswith("?"):
            raise ImproperlyConfigured(
                f"Keyset pagination orders by model fields only, not {term!r}."
            )
        name = term.removeprefix("-")
        field = meta.pk if name == "pk" else meta.get_field(name)
        if field.primary_key:
            break  # rows are unique from here on
        nullable = field.null and name not in non_null
        keys.append(Key(field, term.startswith("-"), nullable))
    descending = keys[-1].descending if keys else False
    keys.append(Key(meta.pk, descending, False))
    return keys


def _encode_value(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def _decode_value(key: Key, value):
    """A cursor's value back to the field's type, or InvalidCursor."""
    field = key.field
    if value is None:
        if not key.nullable:
            raise InvalidCursor("a NULL where the field cannot be NULL")
        return None
    try:
        if isinstance(field, models.DateTimeField):
            parsed = parse_datetime(value) if isinstance(value, str) else None
            if parsed is None or parsed.tzinfo is None:
                raise InvalidCursor("not an aware date and time")
            return parsed.astimezone(datetime.UTC)
        if isinstance(field, models.DateField):
            return datetime.date.fromisoformat(value)
        if isinstance(field, models.IntegerField):  # AutoFields too
            if not isinstance(value, int) or isinstance(value, bool):
                raise InvalidCursor("not a whole number")
            if abs(value) >= 2**63:
                raise InvalidCursor("out of range")
            return value
        if isinstance(field, models.CharField | models.TextField):
            if not isinstance(value, str) or "\x00" in value:
                raise InvalidCursor("not a text")
            return value
    except (TypeError, ValueError, OverflowError) as exc:
        raise InvalidCursor(str(exc)) from None
    raise ImproperlyConfigured(f"Keyset pagination cannot order by {field!r}.")


def row_position(keys: list[Key], row) -> list:
    """The keys' values in `row`: a model object, or a `.values()` dict that
    holds them (a list read as rows, e.g. news.api.rows)."""
    if isinstance(row, dict):
        position = [row[key.name] for key in keys]
    else:
        position = [getattr(row, key.name) for key in keys]
    for key, value in zip(keys, position, strict=True):
        if value is None and not key.nullable:
            raise ImproperlyConfigured(f"{key.name} was said to hold no NULL.")
    return position


def encode_cursor(keys: list[Key], position: list, backwards: bool = False) -> str:
    """The cursor at `position`: the rows after it (before it, backwards)."""
    payload = {
        "o": [key.term() for key in keys],
        "v": [_encode_value(value) for value in position],
    }
    if backwards:
        payload["b"] = 1
    text = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(keys: list[Key], cursor: str) -> tuple[list, bool]:
    """The row position and direction a cursor holds, for this order."""
    if len(cursor) > 2000:
        raise InvalidCursor("too long")
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = json.loads(text.decode())
    except (binascii.Error, UnicodeError, ValueError, RecursionError):
        raise InvalidCursor("not a cursor") from None
    if not isinstance(payload, dict):
        raise InvalidCursor("not a cursor")
    if payload.get("o") != [key.term() for key in keys]:
        raise InvalidCursor("made for another order")
    values = payload.get("v")
    if not isinstance(values, list) or len(values) != len(keys):
        raise InvalidCursor("not a cursor")
    position = [_decode_value(key, v) for key, v in zip(keys, values, strict=True)]
    return position, payload.get("b") == 1


def _after(keys: list[Key], position: list, nulls_largest: bool) -> Q:
    """Rows strictly after `position` in the order of `keys`.

    (k1 beyond v1) OR (k1 = v1 AND k2 beyond v2) OR …, with NULL taken as
    larger than any value (PostgreSQL) or smaller (SQLite). The first key also
    gets a bound of its own (k1 >= v1, or <=) that an index range scan can use.
    """
    condition = Q(pk__in=[])  # nothing
    equal = Q()
    for key, value in zip(keys, position, strict=True):
        condition |= equal & _beyond(key, value, nulls_largest)
        equal &= (
            Q(**{f"{key.name}__isnull": True})
            if value is None
            else Q(**{key.name: value})
        )
    first, value = keys[0], position[0]
    bound_upwards = first.descending != nulls_largest  # NULLs come after v1
    if value is not None and not (first.nullable and bound_upwards):
        lookup = "lte" if first.descending else "gte"
        condition = Q(**{f"{first.name}__{lookup}": value}) & condition
    return condition


def _beyond(key: Key, value, nulls_largest: bool) -> Q:
    """Rows whose `key` comes strictly after `value` in the order."""
    name = key.name
    # Taking NULL as the largest value, does the order go towards it?
    towards_null = key.descending != nulls_largest
    if value is None:
        # NULL is at one end: rows after it are the non-NULL ones, or none.
        return Q(pk__in=[]) if towards_null else Q(**{f"{name}__isnull": False})
    beyond = Q(**{f"{name}__{'lt' if key.descending else 'gt'}": value})
    if key.nullable and towards_null:
        beyond |= Q(**{f"{name}__isnull": True})
    return beyond


def paginate(
    queryset: models.QuerySet, cursor: str | None, size: int, non_null=()
) -> KeysetPage:
    """One page of `size` rows at `cursor` (the first page when None).

    Raises InvalidCursor for a cursor that cannot be read or was made for
    another order."""
    keys = ordering_keys(queryset, non_null)
    nulls_largest = connections[queryset.db].vendor == "postgresql"
    position, backwards = decode_cursor(keys, cursor) if cursor else (None, False)
    walk = [Key(k.field, k.descending != backwards, k.nullable) for k in keys]
    ordered = queryset.order_by(*(key.term() for key in walk))
    if position is not None:
        ordered = ordered.filter(_after(walk, position, nulls_largest))
    rows = list(ordered[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if backwards:
        rows.reverse()
    first = row_position(keys, rows[0]) if rows else position
    last = row_position(keys, rows[-1]) if rows else position
    if backwards:
        # Going back from a cursor: the row it points at is still ahead.
        return KeysetPage(
            rows,
            next_cursor=encode_cursor(keys, last) if last else None,
            previous_cursor=encode_cursor(keys, first, True) if more else None,
        )
    return KeysetPage(
        rows,
        next_cursor=encode_cursor(keys, last) if more else None,
        previous_cursor=encode_cursor(keys, first, True) if position else None,
    )
