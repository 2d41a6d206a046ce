"""Creating through the API without a slug: the server makes it."""

from django.http import QueryDict

from core.slugs import unique_slug


class GeneratedSlugMixin:
    """For a viewset whose model has a unique `slug`: a create that sends no
    slug gets one made from `slug_source` (core.slugs.unique_slug), as the
    admin prepopulates it from the same field. Callers for whom
    `slug_generated_always()` is true never choose it: what they send is
    ignored, so that no "already exists" can tell them of a row they cannot
    see."""

    slug_source = "title"

    def slug_generated_always(self) -> bool:
        return False

    def get_serializer(self, *args, **kwargs):
        if "data" in kwargs and self.action in ("create", "update", "partial_update"):
            kwargs["data"] = self.with_generated_slug(kwargs["data"])
        serializer = super().get_serializer(*args, **kwargs)
        fields = getattr(serializer, "fields", {})
        if "slug" in fields:
            # Made on create when missing; kept on a full update without it.
            fields["slug"].required = False
        return serializer

    def with_generated_slug(self, data):
        """`data` with the slug the server makes on create, and without the
        slug of a caller who may not choose it."""
        if not isinstance(data, dict | QueryDict):
            return data  # the serializer answers that it wants an object
        data = data.copy() if isinstance(data, QueryDict) else dict(data)
        if self.slug_generated_always():
            data.pop("slug", None)
        source = data.get(self.slug_source)
        # Without a source, its own error says what is missing.
        has_source = isinstance(source, str) and bool(source.strip())
        if self.action == "create" and not data.get("slug") and has_source:
            model = self.queryset.model
            data["slug"] = unique_slug(model, source, fallback=model._meta.model_name)
        return data
