"""Serializer building blocks shared by every resource."""

import copy
import functools
from urllib.parse import quote

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils.translation import get_language
from django_countries import countries
from django_countries.fields import CountryField
from drf_spectacular.utils import extend_schema_field
from rest_framework import fields as drf_fields
from rest_framework import relations, serializers
from rest_framework.fields import SkipField, is_simple_callable
from rest_framework.relations import PKOnlyObject

# The fast paths below (FastRepresentationMixin, HtmlUrlField's template) give
# the output DRF's general code gives; tests turn them off to compare the two.
FAST = True

# Stands for an object's key while a URL is reversed once per request: it
# matches both key patterns (a slug or a number) and appears nowhere else.
URL_KEY_MARKER = "9081726354453627189"


def _url_from_template(request, cache_key, make_template, key) -> str:
    """The URL for `key` from a template with the key as URL_KEY_MARKER,
    made by `make_template()` once per request and `cache_key` (Django's
    reverse() costs tens of µs a call)."""
    templates = request.__dict__.setdefault("_metropolis_url_templates", {})
    template = templates.get(cache_key)
    if template is None:
        template = templates[cache_key] = make_template()
    return template.replace(URL_KEY_MARKER, quote(str(key), safe=""), 1)


def _identity_url(field: relations.HyperlinkedIdentityField):
    """A fast to_representation for an object's own API URL: the same string
    DRF's reverse() gives, from a template made once per request."""

    def template():
        return field.reverse(
            field.view_name,
            kwargs={field.lookup_url_kwarg: URL_KEY_MARKER},
            request=field.context["request"],
        )

    def represent(instance):
        if instance.pk is None:
            return None
        url = _url_from_template(
            field.context["request"],
            ("api", field.view_name, field.lookup_url_kwarg),
            template,
            getattr(instance, field.lookup_field),
        )
        return relations.Hyperlink(url, instance)

    return represent


def _boolean(field):
    def represent(value):
        return (
            value if value is True or value is False else field.to_representation(value)
        )

    return represent


TEXT_FIELDS = (
    drf_fields.CharField,
    drf_fields.SlugField,
    drf_fields.EmailField,
    drf_fields.URLField,
)


# A to-many relation: read from the prefetch cache when it is there (DRF would
# ask the related manager for .all(), a new queryset per object).
PREFETCHED = object()


def raw_country(instance, attribute: str):
    """A django-countries field's code as stored, without making a Country
    object (what DRF's ChoiceField represents it as anyway)."""
    raw = instance.__dict__.get(attribute)
    return raw if isinstance(raw, str) else getattr(instance, attribute)


def _fast_getter(field):
    """How to represent `field` quickly: (attribute, convert), or None to go
    DRF's general way. Only fields read straight off one attribute, of types
    whose representation is a plain conversion; the object's own URL
    (attribute "*"); to-many relations (convert PREFETCHED)."""
    if isinstance(field, relations.HyperlinkedIdentityField):
        if field.context.get("request") is not None and not field.context.get("format"):
            return "*", _identity_url(field)
        return None
    if field.source == "*" or len(field.source_attrs) != 1:
        return None
    attribute = field.source_attrs[0]
    kind = type(field)
    if isinstance(field, serializers.ListSerializer | relations.ManyRelatedField):
        return attribute, PREFETCHED
    if kind in TEXT_FIELDS:
        convert = str
    elif kind is drf_fields.IntegerField:
        convert = int
    elif kind is drf_fields.BooleanField:
        convert = _boolean(field)
    elif kind in (
        drf_fields.ChoiceField,
        drf_fields.DateField,
        drf_fields.DateTimeField,
        drf_fields.DecimalField,
    ):
        convert = field.to_representation
    else:
        return None
    if kind is drf_fields.ChoiceField and isinstance(
        _model_field(field, attribute), CountryField
    ):
        return functools.partial(raw_country, attribute=attribute), convert
    return attribute, convert


def _model_field(field, attribute):
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    try:
        return model._meta.get_field(attribute) if model else None
    except FieldDoesNotExist:
        return None


def _has_parts(field) -> bool:
    return isinstance(
        field,
        serializers.BaseSerializer
        | relations.RelatedField
        | relations.ManyRelatedField
        | drf_fields.ListField
        | drf_fields.DictField
        | drf_fields.HStoreField
        | drf_fields.JSONField,
    )


class FastRepresentationMixin:
    """DRF's to_representation, faster for lists: plain fields (text, numbers,
    booleans, choices, dates, decimals read off one attribute) and the
    object's own API URL skip DRF's per-field machinery; every other field
    goes DRF's way. The output is the same (tests/metropolis compares them
    for every resource)."""

    # Each class's fields as ModelSerializer builds them (from the model, Meta
    # and the declared fields: the same every time), copied for each instance.
    _built_fields: dict[type, dict] = {}

    def get_fields(self):
        built = self._built_fields.get(type(self))
        if built is None:
            built = self._built_fields[type(self)] = super().get_fields()
        # A plain field holds only what it was built with (its choices, its
        # validators), never changed after: a shallow copy will do, and saves
        # working through 250 countries' choices again. Serializers and
        # relations (querysets, child fields) are copied whole.
        return {
            name: copy.deepcopy(field) if _has_parts(field) else copy.copy(field)
            for name, field in built.items()
        }

    def _representation_plan(self):
        plan = self.__dict__.get("_metropolis_plan")
        if plan is None:
            plan = []
            for field in self._readable_fields:
                plan.append((field.field_name, field, _fast_getter(field)))
            self.__dict__["_metropolis_plan"] = plan
        return plan

    def to_representation(self, instance):
        if not FAST:
            return super().to_representation(instance)
        ret = {}
        for name, field, fast in self._representation_plan():
            if fast is not None:
                attribute, convert = fast
                if attribute == "*":
                    ret[name] = convert(instance)
                    continue
                if convert is PREFETCHED:
                    cache = getattr(instance, "_prefetched_objects_cache", {})
                    if attribute in cache:
                        ret[name] = field.to_representation(cache[attribute])
                        continue
                else:
                    if isinstance(attribute, str):
                        value = getattr(instance, attribute)
                    else:
                        value = attribute(instance)
                    if callable(value) and is_simple_callable(value):
                        value = value()  # a method, as DRF calls it
                    if not callable(value):
                        ret[name] = None if value is None else convert(value)
                        continue
            # DRF's way (Serializer.to_representation).
            try:
                value = field.get_attribute(instance)
            except SkipField:
                continue
            check_for_none = value.pk if isinstance(value, PKOnlyObject) else value
            ret[name] = (
                None if check_for_none is None else field.to_representation(value)
            )
        return ret


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


class SummarySerializer(FastRepresentationMixin, serializers.ModelSerializer):
    """A related object as responses show it: its id, name and API URL."""

    # Subclasses set Meta.model, and `extra_kwargs = {"url": {"lookup_field":
    # "slug"}}` when the resource's URLs name objects by slug.

    class Meta:
        fields = ["id", "name", "url"]

    def build_url_field(self, field_name, model_class):
        view_name = f"api:{model_class._meta.model_name}-detail"
        return serializers.HyperlinkedIdentityField, {"view_name": view_name}


class CleanModelSerializer(FastRepresentationMixin, serializers.ModelSerializer):
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
    """The object's public page, as an absolute URL (None if it has none).

    With `view_name` (and `lookup_field`, the slug by default), the URL is
    made from a template reversed once per request, the same string the
    model's get_absolute_url() gives (a test holds them equal); without, it
    asks get_absolute_url() for each object."""

    def __init__(self, view_name: str | None = None, lookup_field="slug", **kwargs):
        kwargs.setdefault("help_text", "The object's page on the public website.")
        self.view_name, self.lookup_field = view_name, lookup_field
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        request = self.context.get("request")
        if FAST and self.view_name and request is not None:
            return _url_from_template(
                request,
                ("html", self.view_name, self.lookup_field),
                lambda: request.build_absolute_uri(
                    reverse(self.view_name, kwargs={self.lookup_field: URL_KEY_MARKER})
                ),
                getattr(value, self.lookup_field),
            )
        path = value.get_absolute_url() if hasattr(value, "get_absolute_url") else None
        if not path:
            return None
        return request.build_absolute_uri(path) if request is not None else path


class CountryNameField(serializers.CharField):
    """The name of a django-countries country, in the active language; the
    names are looked up once per language and process, not per object."""

    _names: dict[str, dict[str, str]] = {}

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        language = get_language()
        names = self._names.get(language)
        if names is None:
            names = self._names[language] = {
                code: str(name) for code, name in countries
            }
        code = getattr(value, "code", value)
        if code in names:
            return names[code]
        return str(getattr(value, "name", "")) if hasattr(value, "name") else ""

    def get_attribute(self, instance):
        # The stored code: no Country object made per row.
        return raw_country(instance, self.source)
