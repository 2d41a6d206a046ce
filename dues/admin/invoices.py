"""Invoices with today's status, filters and totals; payments inline through
the service; issue, full payment and cancellation by credit note."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.forms.models import BaseInlineFormSet
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.admin import HistoryAdmin, YearListFilter
from core.attention import Panel
from core.counts import cached_aggregate
from core.formats import money
from dues.models import (
    ZERO,
    CreditNote,
    Invoice,
    Payment,
)
from dues.services import (
    invoice_cancel,
    invoices_issue,
    payment_record,
    payment_record_full,
)

# Invoices ------------------------------------------------------------------------


class StatusFilter(admin.SimpleListFilter):
    title = _("status today")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Invoice.Status.choices

    def queryset(self, request, queryset):
        if self.value() in Invoice.Status.values:
            return queryset.filter(status=self.value())
        return queryset


class OverdueFilter(admin.SimpleListFilter):
    title = _("overdue today")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(status=Invoice.Status.OVERDUE)
        if self.value() == "no":
            return queryset.exclude(status=Invoice.Status.OVERDUE)
        return queryset


class PaymentFormSet(BaseInlineFormSet):
    """New payments must not pay more than is due (payment_record checks it
    again, under the invoice's lock, when saving)."""

    def clean(self):
        super().clean()
        invoice = self.instance
        remaining = invoice.amount - sum(
            (p.amount for p in invoice.payments.all()), ZERO
        )
        for form in self.extra_forms:
            amount = getattr(form, "cleaned_data", {}).get("amount")
            if amount is None:
                continue
            if amount > remaining:
                form.add_error(
                    "amount",
                    _("Overpayment: %(remaining)s is still due, not more.")
                    % {"remaining": money(remaining, invoice.currency)},
                )
            remaining -= amount


class PaymentInline(admin.TabularInline):
    model = Payment
    formset = PaymentFormSet
    fields = ["received_on", "amount", "method", "reference", "recorded_by"]
    readonly_fields = ["recorded_by"]
    extra = 1

    def has_change_permission(self, request, obj=None):
        return False  # a payment recorded stays as it was

    def has_delete_permission(self, request, obj=None):
        return False


class IssueForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=1985, max_value=2100)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea)


@admin.register(Invoice)
class InvoiceAdmin(HistoryAdmin):
    change_list_template = "admin/dues/invoice/change_list.html"
    list_display = [
        "number",
        "member",
        "year",
        "amount",
        "issued_on",
        "due_on",
        "status_today",
        "paid_today",
        "outstanding_today",
    ]
    list_filter = [
        # The first and last years from dues_invoice_order_idx, not a
        # DISTINCT over every invoice.
        ("year", YearListFilter),
        StatusFilter,
        OverdueFilter,
        # Every region (five rows), not those of the invoices: that DISTINCT
        # would join every invoice to its member.
        "member__region",
        "cell__income_band",
    ]
    list_select_related = ["member"]
    search_fields = ["number", "member__name"]
    readonly_fields = [
        "number",
        "member",
        "year",
        "cell",
        "grid_amount",
        "discount_percent",
        "amount",
        "currency",
        "issued_on",
        "due_on",
        "issued_by",
        "status_today",
        "documents",
    ]
    fields = readonly_fields
    inlines = [PaymentInline]
    actions = ["record_full_payment"]

    def get_queryset(self, request):
        today = timezone.localdate()
        return super().get_queryset(request).with_status(today)

    def has_add_permission(self, request):
        return False  # issued by the service: "Issue a year's invoices"

    def has_delete_permission(self, request, obj=None):
        return False  # cancelled by a credit note, never deleted

    @admin.display(description=_("status"), ordering="status")
    def status_today(self, obj):
        # Text, not lazy text: the changelist compares a lazy cell with each
        # empty value (a translation looked up five times per row).
        return str(Invoice.Status(obj.status).label)

    @admin.display(description=_("paid (EUR)"), ordering="paid_amount")
    def paid_today(self, obj):
        return obj.paid_amount

    @admin.display(description=_("outstanding (EUR)"), ordering="outstanding")
    def outstanding_today(self, obj):
        return ZERO if obj.is_cancelled else obj.outstanding

    @admin.display(description=_("documents"))
    def documents(self, obj):
        links = format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            obj.get_absolute_url(),
            gettext("Printable page"),
            reverse("dues:invoice-pdf", kwargs={"number": obj.number}),
            gettext("PDF"),
        )
        if obj.is_cancelled:
            return links
        return format_html(
            '{} · <a href="{}">{}</a>',
            links,
            reverse("admin:dues_invoice_cancel", args=[obj.pk]),
            gettext("Cancel with a credit note"),
        )

    def save_formset(self, request, form, formset, change):
        if formset.model is not Payment:
            return super().save_formset(request, form, formset, change)
        # The admin's change message reads these, as a formset's save() sets them.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = (
            [],
            [],
            [],
        )
        for payment_form in formset.extra_forms:
            if payment_form.has_changed():
                data = payment_form.cleaned_data
                formset.new_objects.append(
                    payment_record(
                        invoice=form.instance,
                        received_on=data["received_on"],
                        amount=data["amount"],
                        method=data["method"],
                        reference=data["reference"],
                        by=request.user,
                    )
                )
        return None

    @admin.action(description=_("Record a full payment, received today"))
    def record_full_payment(self, request, queryset):
        today, recorded = timezone.localdate(), 0
        for invoice in queryset:
            try:
                recorded += bool(
                    payment_record_full(
                        invoice=invoice, received_on=today, by=request.user
                    )
                )
            except ValidationError as exc:
                self.message_user(
                    request,
                    f"{invoice.number}: {' '.join(exc.messages)}",
                    messages.ERROR,
                )
        self.message_user(
            request, _("%(count)s payments recorded.") % {"count": recorded}
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("issue/", view(self.issue_view), name="dues_invoice_issue"),
            path(
                "<int:pk>/cancel/", view(self.cancel_view), name="dues_invoice_cancel"
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            response.context_data["totals"] = self.totals(changelist.queryset)
        return response

    def totals(self, queryset) -> dict:
        """Expected from the grid (before discounts), invoiced, paid and
        outstanding, over the filtered rows; cancelled invoices count for
        nothing. Two sums, the payments' joining the rows' keys once (summing
        the rows' paid amounts would run a subquery per invoice), each kept
        while the tables it reads are unchanged (core.counts: the day is in
        its SQL)."""
        live = queryset.filter(is_cancelled=False).order_by()
        sums = cached_aggregate(
            live,
            expected=Sum("grid_amount", default=ZERO),
            invoiced=Sum("amount", default=ZERO),
        )
        sums |= cached_aggregate(
            Payment.objects.filter(
                invoice__in=live.values("pk"), received_on__lte=timezone.localdate()
            ),
            paid=Sum("amount", default=ZERO),
        )
        sums = {key: round(value, 2) for key, value in sums.items()}
        sums["outstanding"] = sums["invoiced"] - sums["paid"]
        return sums

    def issue_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        form = IssueForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                report = invoices_issue(year=form.cleaned_data["year"], by=request.user)
            except ValidationError as exc:
                form.add_error("year", exc.message_dict.get("year", exc.messages))
            else:
                self.message_user(
                    request,
                    _(
                        "%(year)s: %(issued)s invoices issued, %(already)s already "
                        "invoiced, %(waived)s waived, %(skipped)s not invoiced "
                        "(no income band)."
                    )
                    % {
                        "year": report.year,
                        "issued": len(report.issued),
                        "already": report.already_invoiced,
                        "waived": len(report.waived),
                        "skipped": len(report.skipped),
                    },
                )
                return redirect(
                    reverse("admin:dues_invoice_changelist") + f"?year={report.year}"
                )
        return self.form_page(request, form, _("Issue a year's invoices"))

    def cancel_view(self, request, pk):
        if not self.has_change_permission(request):
            raise PermissionDenied
        invoice = get_object_or_404(Invoice, pk=pk)
        form = CancelForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                note = invoice_cancel(
                    invoice=invoice, reason=form.cleaned_data["reason"], by=request.user
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                self.message_user(
                    request,
                    _("Invoice %(invoice)s is cancelled by credit note %(note)s.")
                    % {"invoice": invoice.number, "note": note.number},
                )
                return redirect("admin:dues_invoice_change", invoice.pk)
        title = _("Cancel invoice %(number)s") % {"number": invoice.number}
        return self.form_page(request, form, title)

    def form_page(self, request, form, title):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "form": form,
        }
        return TemplateResponse(request, "admin/dues/invoice/form_page.html", context)


@admin.register(Payment)
class PaymentAdmin(HistoryAdmin):
    list_display = ["invoice", "received_on", "amount", "method", "reference"]
    list_filter = ["method", "received_on"]
    list_select_related = ["invoice__member"]
    search_fields = ["invoice__number", "invoice__member__name", "reference"]

    def has_add_permission(self, request):
        return False  # on the invoice's page

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CreditNote)
class CreditNoteAdmin(HistoryAdmin):
    list_display = ["number", "invoice", "issued_on", "reason"]
    list_select_related = ["invoice__member"]
    search_fields = ["number", "invoice__number"]

    def has_add_permission(self, request):
        return False  # "Cancel with a credit note" on the invoice's page

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# The admin's front page: invoices overdue today, the longest overdue first.
admin.site.add_panel(
    Panel(
        key="invoices-overdue",
        title=_("Invoices overdue"),
        model=Invoice,
        rows=lambda: (
            Invoice.objects.in_status(timezone.localdate(), Invoice.Status.OVERDUE)
            .select_related("member")
            .order_by("due_on", "pk")
        ),
        query="overdue=yes",
        order=30,
    )
)
