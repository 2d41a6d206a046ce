"""Serializer building blocks shared by every resource."""

import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from metropolis.api.access import get_viewer


class SlugRelatedField(serializers.SlugRelatedField):
    """A related object by slug. A NUL character is an invalid value, as for
    a text field: PostgreSQL cannot even look it up (a DataError, not "does
    not exist")."""

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictCharField(serializers.CharField):
    """Text only: DRF's CharField would take 0 or true as "0" or "True"."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class SummarySerializer(serializers.ModelSerializer):
    """A related object as responses show it: its id, name and API URL."""

    # Subclasses set Meta.model, and `extra_kwargs = {"url": {"lookup_field":
    # "slug"}}` when the resource's URLs name objects by slug.

    class Meta:
        fields = ["id", "name", "url"]

    def build_url_field(self, field_name, model_class):
        view_name = f"api:{model_class._meta.model_name}-detail"
        return serializers.HyperlinkedIdentityField, {"view_name": view_name}


class CleanModelSerializer(serializers.ModelSerializer):
    """Writes run the model's full_clean(): the same rules and messages as the
    admin and the site. `context["forced"]` holds values the server sets
    whatever the caller sent (e.g. a liaison's post is always "submitted")."""

    def validate(self, attrs):
        attrs = {**super().validate(attrs), **self.context.get("forced", {})}
        model = self.Meta.model
        many = {field.name for field in model._meta.many_to_many}
        plain = {name: value for name, value in attrs.items() if name not in many}
        if self.instance is None:
            candidate = model(**plain)
        else:
            candidate = copy.copy(self.instance)
            for name, value in plain.items():
                setattr(candidate, name, value)
        try:
            candidate.full_clean()
        except DjangoValidationError as exc:
            raise serializers.ValidationError(
                serializers.as_serializer_error(exc)
            ) from None
        return attrs


@extend_schema_field({"type": "string", "format": "uri", "nullable": True})
class HtmlUrlField(serializers.Field):
    """The object's public page, as an absolute URL (None if it has none)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "The object's page on the public website.")
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        path = value.get_absolute_url() if hasattr(value, "get_absolute_url") else None
        if not path:
            return None
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class ConfidentialFieldsMixin:
    """Drops `Meta.confidential_fields` from the output unless the viewer may
    see the object's private data (`confidential_owner(obj)` is its city)."""

    def confidential_owner(self, instance) -> int | None:
        return None

    def shows_confidential(self, instance, viewer) -> bool:
        return viewer.sees_private_of(self.confidential_owner(instance))

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        viewer = get_viewer(request) if request is not None else None
        if viewer is None or not self.shows_confidential(instance, viewer):
            for name in getattr(self.Meta, "confidential_fields", ()):
                data.pop(name, None)
        return data
