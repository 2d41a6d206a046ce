"""A changelist's rows, as Django's admin renders them, with what does not
change from row to row decided once per page.

Django's `items_for_result` (django.contrib.admin.templatetags.admin_list)
decides for every cell which field or method shows it, looks the admin's
empty value up again, reverses the change URL and re-parses the preserved
filters for every row, and formats every date and amount anew, although a
page of invoices shows the same few dates and amounts again and again. At
100 rows and 10 columns that was about half of the invoice changelist's
time at `large` (bench/README.md, "Admin rows and totals"). This module
renders the same HTML, byte for byte (tests/admin_speed/test_rows.py
compares them on every changelist):

- per column, once per page: the field or admin method, the cell's class,
  whether it links to the change page, the empty value;
- per value, once per page and column: the displayed text of a plain value
  (text, number, date, time, none), which Django's display functions make
  from the value alone in one language and time zone;
- once per page: the change URL with its preserved filters, the row's key
  put in place for a whole-number key.

An editable list (`list_editable`) and a popup take Django's own path.
"""

import datetime
import decimal
import uuid

from django.contrib.admin.templatetags.admin_list import (
    ResultList,
    _coerce_field_name,
    items_for_result,
    result_headers,
    result_hidden_fields,
)
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import (
    FieldIsAForeignKeyColumnName,
    _get_non_gfk_field,
    display_for_field,
    display_for_value,
    lookup_field,
)
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe

# Values whose display depends on the value alone (with the column, the
# language and the time zone, which a page does not change). A model instance
# or a file is not one: its text may differ between two equal instances.
PLAIN = frozenset(
    {
        str,
        SafeString,
        int,
        bool,
        float,
        decimal.Decimal,
        datetime.date,
        datetime.datetime,
        datetime.time,
        uuid.UUID,
        type(None),
    }
)
# A key no real row has, reversed once and replaced by each row's key.
SENTINEL = 8_642_097_531_357


def result_list(cl) -> dict:
    """The context of admin/change_list_results.html, as Django's own
    `result_list` tag makes it."""
    headers = list(result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": list(result_hidden_fields(cl)),
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        "results": results(cl),
    }


def results(cl) -> list[ResultList]:
    if cl.formset or cl.is_popup:
        return [ResultList(None, items_for_result(cl, r, None)) for r in cl.result_list]
    page = Page(cl)
    return [ResultList(None, page.cells(result)) for result in cl.result_list]


class Column:
    """One entry of `list_display`, as items_for_result reads it."""

    def __init__(self, cl, index: int, name, empty, link: bool, first: bool):
        self.name, self.link, self.admin_empty = name, link, empty
        self.tag = "th" if link and first else "td"
        self.model_admin = cl.model_admin
        field_class = f"field-{_coerce_field_name(name, index)}"
        self.plain = mark_safe(f' class="{field_class}"')
        self.shown: dict = {}
        self.field = self.attr = None
        try:
            self.field = _get_non_gfk_field(cl.lookup_opts, name)
        except (FieldDoesNotExist, FieldIsAForeignKeyColumnName):
            if callable(name):
                self.kind, self.attr = "call", name
            elif hasattr(self.model_admin, name) and name != "__str__":
                self.kind, self.attr = "call", getattr(self.model_admin, name)
            else:
                self.kind = "lookup"  # a model attribute: Django's lookup per row
            classes = "action-checkbox" if name == "action_checkbox" else field_class
            self.classes = mark_safe(f' class="{classes}"')
            self.nowrap = mark_safe(f' class="{classes} nowrap"')
        else:
            self.kind = "field"
            self.related = isinstance(self.field.remote_field, models.ManyToOneRel)
            nowrap = (models.DateField, models.TimeField, models.ForeignKey)
            self.classes = self.nowrap = mark_safe(
                f' class="{field_class} nowrap"'
                if isinstance(self.field, nowrap)
                else f' class="{field_class}"'
            )

    def cell(self, result):
        """(what the cell shows, its class attribute)."""
        try:
            if self.kind == "field":
                value = getattr(result, self.name)
            elif self.kind == "call":
                value = self.attr(result)
            else:
                _, attr, value = lookup_field(self.name, result, self.model_admin)
        except ObjectDoesNotExist:
            return self.admin_empty, self.plain
        if isinstance(value, str) and value.strip() == "":
            value = ""
        if self.kind == "field":
            if self.related:
                shown = getattr(result, self.field.name)
                return (self.admin_empty if shown is None else shown), self.classes
            return self.display(value, self.field_display), self.classes
        if self.kind == "call":
            shown = self.display(value, self.value_display)
        else:
            shown = display_for_value(value, *self.looked_up(attr))
        if isinstance(value, (datetime.date, datetime.time)):
            return shown, self.nowrap
        return shown, self.classes

    def field_display(self, value):
        return display_for_field(
            value, self.field, self.admin_empty, avoid_link=self.link
        )

    def value_display(self, value):
        empty = getattr(self.attr, "empty_value_display", self.admin_empty)
        return display_for_value(value, empty, getattr(self.attr, "boolean", False))

    def looked_up(self, attr) -> tuple:
        """(empty value, boolean) for an attribute found on the row."""
        boolean = getattr(attr, "boolean", False)
        if isinstance(attr, property) and hasattr(attr, "fget"):
            boolean = getattr(attr.fget, "boolean", False)
        return getattr(attr, "empty_value_display", self.admin_empty), boolean

    def display(self, value, show):
        """show(value), once per plain value of the page."""
        kind = type(value)
        if kind not in PLAIN:
            return show(value)
        key = (kind, str(value))
        try:
            return self.shown[key]
        except KeyError:
            self.shown[key] = shown = show(value)
            return shown


class Page:
    """The columns of one changelist page and its change URL."""

    def __init__(self, cl):
        self.cl = cl
        # Django asks for it at every cell; a page shows it in one language.
        empty = mark_safe(str(cl.model_admin.get_empty_value_display()))
        self.columns, first = [], True
        for index, name in enumerate(cl.list_display):
            link = cl.list_display_links is not None and (
                (first and not cl.list_display_links) or name in cl.list_display_links
            )
            self.columns.append(Column(cl, index, name, empty, link, first))
            first = first and not link
        self.url = self.change_url()

    def change_url(self) -> tuple[str, str] | None:
        """The change URL with the preserved filters, escaped, split where a
        whole-number key goes; None where only the row can make it."""
        cl = self.cl
        if type(cl).url_for_result is not ChangeList.url_for_result:
            return None
        sentinel = type("Row", (), {cl.pk_attname: SENTINEL})()
        try:
            url = self.preserved(cl.url_for_result(sentinel))
        except NoReverseMatch:
            return None
        parts = escape(url).split(str(SENTINEL))
        return (parts[0], parts[1]) if len(parts) == 2 else None

    def preserved(self, url: str) -> str:
        cl = self.cl
        return add_preserved_filters(
            {"preserved_filters": cl.preserved_filters, "opts": cl.opts}, url
        )

    def link(self, result) -> str | None:
        """The row's change URL, escaped; None where it has none."""
        pk = getattr(result, self.cl.pk_attname)
        if self.url is not None and type(pk) is int:
            return f"{self.url[0]}{pk}{self.url[1]}"
        try:
            return escape(self.preserved(self.cl.url_for_result(result)))
        except NoReverseMatch:
            return None

    def cells(self, result):
        """The row's cells, as items_for_result yields them."""
        for column in self.columns:
            shown, classes = column.cell(result)
            text = conditional_escape(shown)
            if column.link:
                url = self.link(result)
                if url is not None:
                    text = f'<a href="{url}">{text}</a>'
            yield mark_safe(f"<{column.tag}{classes}>{text}</{column.tag}>")
