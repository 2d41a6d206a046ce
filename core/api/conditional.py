"""ETags for API objects, computed from the stored values, never by serializing.

A detail response carries `ETag`; `If-None-Match` answers 304 when nothing
changed; a write with an `If-Match` that no longer matches answers 412 and
changes nothing.
"""

import hashlib
from collections.abc import Iterable

from django.db import models


def object_etag(obj: models.Model, parts: Iterable = ()) -> str:
    """A strong ETag over the object's own columns, the names of related objects
    already loaded with it, prefetched many-to-many ids and `parts` (e.g. what
    the viewer may see, or the day a derived status is computed for)."""
    values = [obj._meta.label, *map(str, parts)]
    for field in obj._meta.concrete_fields:
        values.append(repr(field.value_from_object(obj)))
        if field.is_relation and field.is_cached(obj):
            values.append(str(getattr(obj, field.name)))
    prefetched = getattr(obj, "_prefetched_objects_cache", {})
    for field in obj._meta.many_to_many:
        if field.name in prefetched:
            values.append(
                repr(sorted(related.pk for related in prefetched[field.name]))
            )
    digest = hashlib.blake2b("\x1f".join(values).encode(), digest_size=16).hexdigest()
    return f'"{digest}"'


def _tags(header: str) -> list[str]:
    return [tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()]


def none_match(header: str | None, etag: str) -> bool:
    """True when `If-None-Match` names the current ETag (weak comparison)."""
    if not header:
        return False
    tags = _tags(header)
    return "*" in tags or etag in tags


def if_match_fails(header: str | None, etag: str) -> bool:
    """True when an `If-Match` header is present and does not name `etag`."""
    if header is None:
        return False
    tags = [tag.strip() for tag in header.split(",") if tag.strip()]
    return "*" not in tags and etag not in tags
