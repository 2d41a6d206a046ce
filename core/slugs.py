"""Slugs the server makes: unique, from a name or a title, as the admin's
prepopulated field would write them."""

from django.db import models
from django.utils.text import slugify

# Room left for a "-NNNN" suffix within the field's max_length.
SUFFIX_ROOM = 6


def unique_slug(
    model: type[models.Model], text: str, *, field: str = "slug", fallback: str
) -> str:
    """A slug for `text` that no row of `model` has yet: "text", "text-2", …
    (`fallback` when `text` gives none). One query."""
    max_length = model._meta.get_field(field).max_length
    base = slugify(text)[: max_length - SUFFIX_ROOM].strip("-") or fallback
    taken = set(
        model._default_manager.filter(**{f"{field}__startswith": base}).values_list(
            field, flat=True
        )
    )
    # Slugs that are another page's address (e.g. MemberCity's "map").
    taken.update(getattr(model, "reserved_slugs", ()))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug
