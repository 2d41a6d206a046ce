"""Admin helpers shared by the apps: the CSV export every changelist offers, a
year filter that an index answers, and the base class of every admin with a
change history."""

import csv
import datetime
import decimal

from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import label_for_field, lookup_field, unquote
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models import Count, Max, Min, Q
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from core.admin_search import IndexedSearchMixin
from core.counts import CachedCountPaginator
from core.images import clear_missing
from core.paginators import BoundedCountPaginator

# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value, field=None, labels: dict | None = None) -> str:
    """`value` as plain text: yes/no, ISO dates, choice labels (from
    `labels`, the field's choices as a dict, when given), no HTML."""
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
    if labels is None and field is not None and field.flatchoices:
        labels = dict(field.flatchoices)
    if labels:
        value = labels.get(value, value)
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
    # Each column's choice labels, made once: a country field has 250.
    labels: dict = {}
    for obj in queryset:
        row = []
        for name in columns:
            field, _attr, value = lookup_field(name, obj, modeladmin)
            if name not in labels:
                labels[name] = dict(field.flatchoices or ()) if field else {}
            row.append(csv_text(value, field, labels[name]))
        writer.writerow(row)
    return response


# Every ModelAdmin of the site offers it, to users who may view the model.
admin.site.add_action(export_as_csv)


class YearListFilter(admin.FieldListFilter):
    """The rows of one year of a date or date-time field, in place of a date
    hierarchy: `list_filter = [("published_at", YearListFilter)]`; or of a
    field that holds a year (an invoice's), in place of the list of its
    distinct values.

    The date hierarchy lists its years with a DISTINCT over every row (at
    200,000 posts, a sort that spills to disk), and so does Django's filter
    of a field's values (5 ms over 17,767 invoices). This lists every year
    from the first to the last value stored, two ends that MIN and MAX read
    from an index on the field; a year between them without a row shows an
    empty list. A date's year is the current time zone's, as `__year`
    filters it (a range on the field, which the same index answers).
    """

    def __init__(self, field, request, params, model, model_admin, field_path):
        is_date = isinstance(field, (models.DateField, models.DateTimeField))
        self.lookup_kwarg = f"{field_path}__year" if is_date else field_path
        super().__init__(field, request, params, model, model_admin, field_path)
        self.years = self.stored_years(model_admin.get_queryset(request))

    def expected_parameters(self):
        return [self.lookup_kwarg]

    def stored_years(self, queryset) -> list[int]:
        """From the latest year stored to the earliest."""
        ends = queryset.order_by().aggregate(
            first=Min(self.field_path), last=Max(self.field_path)
        )
        if ends["first"] is None:
            return []
        first, last = (self.year_of(ends[end]) for end in ("first", "last"))
        return list(range(last, first - 1, -1))

    @staticmethod
    def year_of(value) -> int:
        if isinstance(value, int):
            return value
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.year

    def value(self) -> int | None:
        """The year asked for; IncorrectLookupParameters (the changelist's
        "?e=1" notice) for anything else than a year a date can have."""
        values = self.used_parameters.get(self.lookup_kwarg)
        if not values:
            return None
        try:
            year = int(values[-1])
        except ValueError:
            raise IncorrectLookupParameters(f"No year: {values[-1]!r}") from None
        # The day after the year's end must be a date too.
        if not datetime.MINYEAR <= year < datetime.MAXYEAR:
            raise IncorrectLookupParameters(f"No year: {year}")
        return year

    def queryset(self, request, queryset):
        year = self.value()
        if year is None:
            return queryset
        return queryset.filter(**{self.lookup_kwarg: year})

    def get_facet_counts(self, pk_attname, filtered_qs):
        return {
            f"{year}__c": Count(pk_attname, filter=Q(**{self.lookup_kwarg: year}))
            for year in self.years
        }

    def choices(self, changelist):
        counts = self.get_facet_queryset(changelist) if changelist.add_facets else {}
        selected = self.value()
        yield {
            "selected": selected is None,
            "query_string": changelist.get_query_string(remove=[self.lookup_kwarg]),
            "display": gettext("All"),
        }
        for year in self.years:
            count = counts.get(f"{year}__c")
            yield {
                "selected": selected == year,
                "query_string": changelist.get_query_string({self.lookup_kwarg: year}),
                "display": str(year) if count is None else f"{year} ({count})",
            }


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


class HistoryAdmin(IndexedSearchMixin, HistoryKeysMixin, SimpleHistoryAdmin):
    """simple-history's admin, with its revert form in one transaction,
    changelists that count their rows once, and searches across foreign keys
    that indexes answer (core.admin_search).

    Reverting to a past version saves the record, its history, its
    many-to-many fields and the admin log one after another; Django's own
    change form does that in a transaction, simple-history's does not.
    """

    # "(… total)" beside a filtered count would count every row again, on
    # every page of every list (200,000 news posts at the bench's scale).
    show_full_result_count = False

    def get_paginator(self, request, queryset, per_page, orphans=0, **kwargs):
        """A search's count stops past BoundedCountPaginator.limit: a common
        word found in 35,000 posts is "more than 1,000" (templates/admin/
        pagination.html and search_form.html), not 35,000 rows counted. A
        list's count (filtered or not) is kept until one of its tables is
        written to (core.counts): exact, never stale, and the COUNT(*) over
        200,000 posts runs once per write instead of at every page."""
        if request.GET.get(SEARCH_VAR):
            return BoundedCountPaginator(queryset, per_page, orphans, **kwargs)
        return CachedCountPaginator(queryset, per_page, orphans, **kwargs)

    def action_checkbox(self, obj):
        """The changelist's checkbox, the HTML of Django's own from one
        format_html: Django renders a form widget's template for each row, a
        fifth of a 100-row page's time."""
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" '
            'aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(gettext("Select this object for an action - {}"), str(obj)),
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None and hasattr(obj, SIMPLE_HISTORY_REVERSE_ATTR_NAME):
            # A past version, to view or restore: an image pruned since
            # (core.image_pruning) comes back as none, not as a broken link.
            clear_missing(obj)
        return super().get_form(request, obj, change, **kwargs)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(
                request, object_id, version_id, extra_context
            )
