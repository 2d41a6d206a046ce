"""Admin helpers shared by the apps: the CSV export every changelist offers, and
the base class of every admin with a change history."""

import csv
import datetime
import decimal

from django.contrib import admin
from django.contrib.admin.utils import label_for_field, lookup_field, unquote
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value, field=None) -> str:
    """`value` as plain text: yes/no, ISO dates, choice labels, no HTML."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, datetime.datetime):
        return (
            timezone.localtime(value) if timezone.is_aware(value) else value
        ).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (int, float, decimal.Decimal)):
        return str(value)
    if field is not None and field.flatchoices:
        value = dict(field.flatchoices).get(value, value)
    return escape_formula(str(value))


def escape_formula(text: str) -> str:
    """Defuse CSV formula injection: a leading quote makes the cell text."""
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


@admin.action(
    description=_("Export selected %(verbose_name_plural)s as CSV"),
    permissions=["view"],
)
def export_as_csv(modeladmin, request, queryset):
    """The selected rows, with their labels: the admin's `export_columns`
    where it names more than the changelist shows, else the changelist's."""
    columns = [
        name
        for name in getattr(modeladmin, "export_columns", None)
        or modeladmin.get_list_display(request)
        if name != "action_checkbox"
    ]
    opts = modeladmin.model._meta
    filename = (
        f"{slugify(opts.verbose_name_plural)}-{timezone.localdate():%Y-%m-%d}.csv"
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(
        escape_formula(capfirst(label_for_field(name, modeladmin.model, modeladmin)))
        for name in columns
    )
    for obj in queryset:
        row = []
        for name in columns:
            field, _attr, value = lookup_field(name, obj, modeladmin)
            row.append(csv_text(value, field))
        writer.writerow(row)
    return response


# Every ModelAdmin of the site offers it, to users who may view the model.
admin.site.add_action(export_as_csv)


class HistoryKeysMixin:
    """History pages answer 404 for an id that is no id: simple-history's views
    look it up as given, and "abc" would fail with a 500."""

    def history_view(self, request, object_id, extra_context=None):
        check_key(self.model._meta.pk, unquote(object_id))
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        history = getattr(self.model, self.model._meta.simple_history_manager_attribute)
        check_key(self.model._meta.pk, unquote(object_id))
        check_key(history.model._meta.pk, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


def check_key(field, value: str) -> None:
    """Http404 unless `value` can be a value of the key `field`."""
    try:
        field.to_python(value)
    except ValidationError:
        raise Http404 from None


class HistoryAdmin(HistoryKeysMixin, SimpleHistoryAdmin):
    """simple-history's admin, with its revert form in one transaction.

    Reverting to a past version saves the record, its history, its
    many-to-many fields and the admin log one after another; Django's own
    change form does that in a transaction, simple-history's does not.
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(
                request, object_id, version_id, extra_context
            )
