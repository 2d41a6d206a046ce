"""Filter building blocks shared by the site's filter forms and the API's
FilterSets (the API's own filter backends are in core/api/filters.py)."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BOOLEAN_VALUES = {"true": True, "1": True, "false": False, "0": False}


class BooleanSelect(forms.Select):
    """Any / Yes / No, sending `true` / `false`; hands the raw value to the field."""

    def __init__(self, attrs=None):
        choices = [("", _("Any")), ("true", _("Yes")), ("false", _("No"))]
        super().__init__(attrs, choices)

    def format_value(self, value):
        if isinstance(value, bool):
            value = "true" if value else "false"
        return super().format_value(value)


class StrictBooleanField(forms.Field):
    """`true`/`false` (or 1/0); any other value is an error, never "no filter"."""

    widget = BooleanSelect

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return BOOLEAN_VALUES[str(value).strip().lower()]
        except KeyError:
            raise ValidationError(_("Enter true or false."), code="invalid") from None


class StrictBooleanFilter(django_filters.BooleanFilter):
    """django-filter's BooleanFilter silently ignores `?megacity=maybe`; this
    one answers 400 with the reason."""

    field_class = StrictBooleanField


class IntegerFilter(django_filters.NumberFilter):
    """A whole number: `?join_year=1993.5` is an error, as the schema says."""

    field_class = forms.IntegerField


class VisitorFilterMixin:
    """For a FilterSet shown as a form on the site: "Any" rather than dashes
    for an empty choice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An explicit empty_label=None (no empty choice) is left alone.
        for filter_ in self.filters.values():
            if (
                isinstance(filter_, django_filters.ChoiceFilter)
                and filter_.extra.get("empty_label", "") is not None
            ):
                filter_.extra["empty_label"] = _("Any")
