"""The admin site: every admin registered on it refuses bad input with its
own messages, never a 500.

A NUL character in a changelist's query (a filter, the search box) is
refused as the admin refuses an unknown filter: back to the list with its
"?e=1" notice. PostgreSQL's text cannot hold NUL, and a query carrying one
would fail.

A key that is no key, sent by a form: Django looks submitted keys up with
`pk__in=[…]`, the autocomplete widget to show the chosen options again, the
many-to-many form field to check them. A key the column cannot hold ("abc",
or 10**20 on SQLite) then fails in the database instead of leaving the form's
own message ("Select a valid choice") to say so. The widgets below look up
only keys the column accepts; the form field refuses the others first, with
Django's own message.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin import widgets
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import ValidationError

from core.attention import Panel


def is_key(target, value) -> bool:
    """Whether the column `target` can hold `value`."""
    try:
        target.run_validators(target.to_python(value))
    except (ValidationError, TypeError, ValueError):
        return False
    return True


def valid_keys(field, values) -> list:
    """The `values` that are keys `field` (a relation) could point at."""
    return [value for value in values if is_key(field.target_field, value)]


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        opts = self.queryset.model._meta
        target = opts.get_field(self.to_field_name) if self.to_field_name else opts.pk
        for pk in value:
            if not is_key(target, pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class AutocompleteSelect(widgets.AutocompleteSelect):
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, valid_keys(self.field, value), attr)


class AutocompleteSelectMultiple(widgets.AutocompleteSelectMultiple):
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, valid_keys(self.field, value), attr)


_SAFE = {
    widgets.AutocompleteSelect: AutocompleteSelect,
    widgets.AutocompleteSelectMultiple: AutocompleteSelectMultiple,
}


class SafeInputMixin:
    """For a ModelAdmin or an inline: its autocomplete fields use the widgets
    above, its many-to-many fields the form field; a changelist query holding
    a NUL is refused."""

    def get_changelist_instance(self, request):
        if any(
            "\x00" in key or "\x00" in value
            for key, values in request.GET.lists()
            for value in values
        ):
            raise IncorrectLookupParameters("A NUL character in the query.")
        return super().get_changelist_instance(request)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return _safe(super().formfield_for_foreignkey(db_field, request, **kwargs))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
        return _safe(super().formfield_for_manytomany(db_field, request, **kwargs))


def _safe(formfield):
    if formfield is not None and type(formfield.widget) in _SAFE:
        formfield.widget.__class__ = _SAFE[type(formfield.widget)]
    return formfield


def with_safe_input(admin_class):
    """`admin_class` (a ModelAdmin) and its inlines with SafeInputMixin."""
    if issubclass(admin_class, SafeInputMixin):
        return admin_class
    attrs = {
        "__module__": admin_class.__module__,
        "__qualname__": admin_class.__qualname__,
    }
    if hasattr(admin_class, "inlines"):  # an inline has none
        attrs["inlines"] = [with_safe_input(inline) for inline in admin_class.inlines]
    return type(admin_class.__name__, (SafeInputMixin, admin_class), attrs)


class AdminSite(admin.AdminSite):
    """The default admin site (core.apps.AdminConfig, in INSTALLED_APPS in
    place of django.contrib.admin): every admin registered on it, the
    project's, Django's (users, groups) and other apps', and their inlines,
    get SafeInputMixin. Its index shows what needs attention: the panels the
    apps add (core.attention) whose model the user may view."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._panels: dict[str, Panel] = {}
        self._views: list = []

    def add_panel(self, panel: Panel) -> None:
        """Show `panel` on the index; a panel added again under its key
        replaces the first."""
        self._panels[panel.key] = panel

    def add_view(self, pattern) -> None:
        """Serve `pattern` (a path() under the admin, its view wrapped in
        admin_view()) beside the models' pages."""
        self._views.append(pattern)

    def get_urls(self):
        return [*self._views, *super().get_urls()]

    def attention(self, request) -> list[dict]:
        """The panels `request.user` may see, read: one query each."""
        shown = []
        for panel in sorted(self._panels.values(), key=lambda p: (p.order, p.key)):
            model_admin = self._registry.get(panel.model)
            if model_admin and model_admin.has_view_permission(request):
                shown.append(panel.read())
        return shown

    def index(self, request, extra_context=None):
        extra_context = {"attention": self.attention(request), **(extra_context or {})}
        return super().index(request, extra_context)

    def register(self, model_or_iterable, admin_class=None, **options):
        return super().register(
            model_or_iterable,
            with_safe_input(admin_class or admin.ModelAdmin),
            **options,
        )
