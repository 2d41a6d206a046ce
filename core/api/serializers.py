"""Serializer building blocks shared by every resource: stock DRF, plus a few
small named fields where DRF has no equivalent."""

import copy
import functools

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import get_language
from django_countries import countries
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import SkipField

from core.content import LANGUAGE_NAMES, columns, source_values, translated_fields


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


# How far a caller sees a serializer's `Meta.confidential_fields` (the view
# says, in context["confidential"], and reads the columns accordingly).
SHOWN = "shown"  # on every row
WITHHELD = "withheld"  # on no row: not a field at all
PER_ROW = "per_row"  # on the rows the queryset marks (see ShownPerRowField)


class ShownPerRowField(serializers.ReadOnlyField):
    """A confidential value for a caller who may see it on some rows only.
    The view's queryset selects it as `confidential_<name>` on those rows
    (NULL elsewhere) with `confidential_shown` true there, and leaves the
    column itself unread; the other rows go without the field."""

    def get_attribute(self, instance):
        if not instance.confidential_shown:
            raise SkipField()
        return getattr(instance, f"confidential_{self.field_name}")


class ConfidentialFieldsMixin:
    """A serializer whose `Meta.confidential_fields` are fields only for
    callers who may see them, chosen before any object is represented."""

    def get_fields(self):
        fields = super().get_fields()
        reach = self.context.get("confidential", WITHHELD)
        for name in getattr(self.Meta, "confidential_fields", ()):
            if reach == WITHHELD:
                del fields[name]
            elif reach == PER_ROW:
                fields[name] = ShownPerRowField(help_text=fields[name].help_text)
        return fields


class CleanModelSerializer(ConfidentialFieldsMixin, serializers.ModelSerializer):
    """Writes run the model's full_clean(): the same rules and messages as the
    admin and the site. `context["forced"]` holds values the server sets
    whatever the caller sent (e.g. a liaison's post is always "submitted")."""

    def get_fields(self):
        fields = super().get_fields()
        model = self.Meta.model
        # A writable translated field (core.content): its plain name is the
        # English source; `<field>_fr` and `<field>_es` write its
        # translations (reads show the plain name in the request's language).
        for name in translated_fields(model):
            if name not in fields or fields[name].read_only:
                continue
            for column in columns(name)[1:]:
                field_class, kwargs = self.build_standard_field(
                    column, model._meta.get_field(column)
                )
                language = column.rsplit("_", 1)[1]
                kwargs.update(
                    write_only=True,
                    required=False,
                    help_text=(
                        f"The {name} in {LANGUAGE_NAMES[language]}, optional; "
                        f"without it, `{name}` is read in English."
                    ),
                )
                fields[column] = field_class(**kwargs)
        return fields

    def validate(self, attrs):
        attrs = {**super().validate(attrs), **self.context.get("forced", {})}
        model = self.Meta.model
        # `title` written means `title_en`, whatever the request's language.
        attrs = source_values(model, attrs)
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
    """The object's public page (its get_absolute_url()), as an absolute URL;
    None if it has none."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "The object's page on the public website.")
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        path = value.get_absolute_url() if hasattr(value, "get_absolute_url") else None
        if not path:
            return None
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class CountryCodeField(serializers.ChoiceField):
    """A country as its ISO 3166 code, as django-countries stores it. DRF's
    ChoiceField for a CountryField sorts and translates 250 names for every
    serializer made (milliseconds per request); the codes never change."""

    def __init__(self, **kwargs):
        super().__init__(choices=list(countries.countries.items()), **kwargs)


class CountryNameField(serializers.CharField):
    """The name of a django-countries country, in the active language; the
    names are looked up once per language and process, not per object."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        # The stored code: no Country object made per row.
        raw = instance.__dict__.get(self.source)
        return raw if isinstance(raw, str) else getattr(instance, self.source).code

    def to_representation(self, value):
        return country_name(value)


_country_names: dict[str, dict[str, str]] = {}


def country_names() -> dict[str, str]:
    """Every country's name by code, in the active language: a row function
    looks the language up once for its page, not once per row."""
    language = get_language()
    names = _country_names.get(language)
    if names is None:
        names = _country_names[language] = {code: str(name) for code, name in countries}
    return names


def country_name(code: str) -> str:
    """The name of the country `code` in the active language ("" if none)."""
    return country_names().get(code, "")


def value_columns(model, fields) -> list[str]:
    """The `.values()` names that hold `fields` of `model`, in their order: a
    column as itself, a translated field as its column in every language. A
    field that is no column of the model (related, computed) is the row
    function's to read."""
    plain = {
        field.name for field in model._meta.concrete_fields if not field.is_relation
    }
    translated = translated_fields(model)
    names = []
    for name in fields:
        if name in translated:
            names += columns(name)
        elif name in plain:
            names.append(name)
    return names


@functools.cache
def shown_fields(serializer_class, reach: str = WITHHELD) -> tuple[str, ...]:
    """The names of the fields `serializer_class` shows a caller who sees its
    confidential fields as `reach` says (see ConfidentialFieldsMixin), in the
    serializer's order: what a row function standing in for it must give.
    Worked out once per process from the serializer itself, so that a field
    added to it is a field of the rows too (or a failing rows test)."""
    fields = serializer_class(context={"confidential": reach}).fields
    return tuple(name for name, field in fields.items() if not field.write_only)
