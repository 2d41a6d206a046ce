"""Fee grids laid out cell by cell and shown as a matrix; discounts and waivers."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.admin import HistoryAdmin
from dues.models import (
    CELL_KEYS,
    Band,
    FeeGrid,
    FeeGridCell,
    FeeWaiver,
    TerritoryDiscount,
    Type,
)

# Grids ---------------------------------------------------------------------------


class CellFormSet(BaseInlineFormSet):
    """Every cell once: the grid is complete or not saved."""

    def clean(self):
        super().clean()
        keys = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            key = (data.get("income_band"), data.get("is_capital", False))
            key += (data.get("membership_type"),)
            if key in keys:
                form.add_error("income_band", _("This cell is given twice."))
            keys.append(key)
        if len(set(keys)) != len(CELL_KEYS):
            raise ValidationError(
                _(
                    "A grid has one amount for every income band, capital or "
                    "not, and membership type: %(count)s cells, %(given)s given."
                )
                % {"count": len(CELL_KEYS), "given": len(set(keys))}
            )


class FeeGridCellInline(admin.TabularInline):
    model = FeeGridCell
    formset = CellFormSet
    fields = ["income_band", "is_capital", "membership_type", "amount"]

    def get_extra(self, request, obj=None, **kwargs):
        return 0 if obj else len(CELL_KEYS)


@admin.register(FeeGrid)
class FeeGridAdmin(HistoryAdmin):
    list_display = [
        "__str__",
        "first_year",
        "last_year",
        "approved_on",
        "note",
        "complete",
    ]
    readonly_fields = ["matrix"]
    fields = ["first_year", "last_year", "approved_on", "note", "matrix"]
    inlines = [FeeGridCellInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("cells")

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if obj.pk is None and isinstance(inline, FeeGridCellInline):
            # A new grid starts with every cell laid out; amounts to fill in.
            kwargs["initial"] = [
                {"income_band": band, "is_capital": capital, "membership_type": kind}
                for band, capital, kind in CELL_KEYS
            ]
        return kwargs

    @admin.display(boolean=True, description=_("every cell"))
    def complete(self, obj):
        return not obj.missing_cells()

    @admin.display(description=_("amounts (EUR)"))
    def matrix(self, obj):
        """The grid at a glance: a row per income band, a column per membership
        type and capital or not."""
        if obj is None or obj.pk is None:
            return "—"
        amounts = obj.amounts()
        columns = [(t, c) for t in Type.values for c in (False, True)]
        head = format_html_join(
            "",
            '<th scope="col">{}<br>{}</th>',
            (
                (Type(t).label, gettext("capital") if c else gettext("not capital"))
                for t, c in columns
            ),
        )
        rows = format_html_join(
            "",
            '<tr><th scope="row">{}</th>{}</tr>',
            (
                (
                    Band(band).label,
                    format_html_join(
                        "",
                        '<td class="amount">{}</td>',
                        ((amounts.get((band, c, t), "—"),) for t, c in columns),
                    ),
                )
                for band in Band.values
            ),
        )
        return format_html(
            '<table class="fee-grid-matrix"><thead><tr><td></td>{}</tr></thead>'
            "<tbody>{}</tbody></table>",
            head,
            rows,
        )


@admin.register(FeeWaiver)
class FeeWaiverAdmin(HistoryAdmin):
    list_display = ["member", "year", "decided_on", "reason"]
    list_filter = ["year"]
    list_select_related = ["member"]
    search_fields = ["member__name"]
    autocomplete_fields = ["member"]


@admin.register(TerritoryDiscount)
class TerritoryDiscountAdmin(HistoryAdmin):
    list_display = ["member", "percent", "reason"]
    list_select_related = ["member"]
    search_fields = ["member__name"]
    autocomplete_fields = ["member"]
