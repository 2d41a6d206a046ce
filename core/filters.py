"""Filter building blocks shared by the site's filter forms and the API's
FilterSets (the API's own filter backends are in core/api/filters.py)."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
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


class FilterSet(django_filters.FilterSet):
    """A FilterSet whose filters may have an old name besides their own.

    `aliases` maps an old parameter name to the filter that now reads it
    (`{"megacity": "is_megacity"}`): links and clients that use the old name
    keep working, and an error names the parameter as the caller sent it.
    Both names with different values is an error.
    """

    aliases: dict[str, str] = {}

    def __init__(self, data=None, *args, **kwargs):
        self.alias_conflicts: list[tuple[str, str]] = []
        self.aliases_used: dict[str, str] = {}  # filter name -> name sent
        if data is not None and any(old in data for old in self.aliases):
            data = self.resolve_aliases(data)
        super().__init__(data, *args, **kwargs)

    def resolve_aliases(self, data):
        data = data.copy()
        for old, new in self.aliases.items():
            # A filter a subclass removed (the site's forms) keeps no alias.
            if old not in data or new not in self.base_filters:
                continue
            values = _values(data, old)
            del data[old]
            if new in data:
                if _values(data, new) != values:
                    self.alias_conflicts.append((old, new))
                continue
            if hasattr(data, "setlist"):
                data.setlist(new, values)
            else:
                data[new] = values[-1]
            self.aliases_used[new] = old
        return data

    @property
    def errors(self):
        errors = self.form.errors
        for old, new in self.alias_conflicts:
            if new not in errors:
                self.form.add_error(
                    new,
                    _(
                        "“%(old)s” is the old name of “%(new)s”: give one of "
                        "them, not both."
                    )
                    % {"old": old, "new": new},
                )
        return ErrorDict(
            (self.aliases_used.get(name, name), messages)
            for name, messages in self.form.errors.items()
        )

    def is_valid(self):
        return self.is_bound and not self.errors


def _values(data, name: str) -> list:
    """Every value of `name` in a QueryDict, or the one of a plain dict."""
    return data.getlist(name) if hasattr(data, "getlist") else [data[name]]
