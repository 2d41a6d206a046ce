"""A member city's page: its standing and invoices."""

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.formats import money
from dues.models import (
    CURRENCY,
    Invoice,
)
from dues.standing import standing
from members.admin import MemberCityAdmin
from members.models import MemberCity

# A member city's page: its standing and invoices (members knows nothing of dues,
# so the dues part is added to the registered admin here).


class InvoiceHistoryInline(admin.TabularInline):
    model = Invoice
    fields = ["number_link", "year", "amount", "due_on", "status_today"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("invoices")

    def get_queryset(self, request):
        return super().get_queryset(request).with_status(timezone.localdate())

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("number"))
    def number_link(self, obj):
        url = reverse("admin:dues_invoice_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.number)

    @admin.display(description=_("status today"))
    def status_today(self, obj):
        # Text, not lazy text: the changelist compares a lazy cell with each
        # empty value (a translation looked up five times per row).
        return str(Invoice.Status(obj.status).label)


class DuesMemberCityAdmin(MemberCityAdmin):
    inlines = [*MemberCityAdmin.inlines, InvoiceHistoryInline]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "dues_standing"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None:
            fieldsets.append((_("Dues"), {"fields": ["dues_standing"]}))
        return fieldsets

    @admin.display(description=_("standing today"))
    def dues_standing(self, obj):
        today = timezone.localdate()
        current = standing(obj, today)
        if current.in_arrears:
            return _("In arrears: %(amount)s due.") % {
                "amount": money(current.amount_due, CURRENCY)
            }
        if current.amount_due:
            return _("Up to date; %(amount)s due by %(day)s.") % {
                "amount": money(current.amount_due, CURRENCY),
                "day": date_format(current.next_due_on),
            }
        return _("Up to date: nothing due.")


admin.site.unregister(MemberCity)
admin.site.register(MemberCity, DuesMemberCityAdmin)
