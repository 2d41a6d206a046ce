"""Model and form fields shared by every app."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.text import normalize_newlines

from core.validators import validate_web_address


class MultiLineCharField(forms.CharField):
    """A form's text whose line endings are LF, whatever the browser sent
    (a textarea's lines come as CRLF): a resubmitted text is unchanged."""

    def to_python(self, value):
        value = super().to_python(value)
        return normalize_newlines(value) if isinstance(value, str) else value


class TextField(models.TextField):
    """A TextField that stores LF line endings (CRLF and CR become LF),
    whatever the input sent: the admin, the portal, the API or a tool.

    The one place line endings are normalised: `to_python()`, which Django runs
    both when cleaning (full_clean(), hence the forms and the API's
    serializers) and when saving (get_prep_value()), and the form field it
    gives, so that a resubmitted text is no change. The column is a plain
    TextField and migrations see one: this changes what is accepted, not how
    it is stored.
    """

    def to_python(self, value):
        value = super().to_python(value)
        return normalize_newlines(value) if isinstance(value, str) else value

    def formfield(self, **kwargs):
        # Field.formfield() uses a choice field instead when there are choices.
        kwargs.setdefault("form_class", MultiLineCharField)
        return super().formfield(**kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.TextField", args, kwargs


class WebAddressField(models.URLField):
    """A web address: http(s), with no quote, space or angle bracket (see
    core.validators.WebAddressValidator), checked by the admin, the API, the
    portal and any tool that validates the model."""

    default_validators = [validate_web_address]


class DegreesField(models.DecimalField):
    """An angle in degrees (a latitude, a longitude): a DecimalField whose
    form field takes its range from the field's Min/MaxValueValidators, so
    that the form's number input carries min and max (and the same message).
    Migrations see a DecimalField: this changes the form, not the column."""

    def formfield(self, **kwargs):
        for validator in self.validators:
            if isinstance(validator, MinValueValidator):
                kwargs.setdefault("min_value", validator.limit_value)
            elif isinstance(validator, MaxValueValidator):
                kwargs.setdefault("max_value", validator.limit_value)
        return super().formfield(**kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DecimalField", args, kwargs
