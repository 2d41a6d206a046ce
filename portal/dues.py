"""The city's dues in the liaison portal: its standing, what is due and when,
its invoices (printable page and PDF, from dues.urls), and whether it may vote
at a General Assembly held on a day, and why not."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from dues.models import Invoice
from dues.standing import member_invoices, standing, voting_right
from portal.views import LiaisonRequiredMixin


class AssemblyDayForm(forms.Form):
    day = forms.DateField(
        label=_("General Assembly held on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for today."),
    )

    def clean_day(self):
        day = self.cleaned_data["day"]
        if day is not None and not datetime.date(1985, 1, 1) <= day:
            raise forms.ValidationError(_("The association was founded in 1985."))
        return day


class DuesView(LiaisonRequiredMixin, TemplateView):
    template_name = "portal/dues.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        form = AssemblyDayForm(self.request.GET or None)
        day = today
        if form.is_bound and form.is_valid() and form.cleaned_data["day"]:
            day = form.cleaned_data["day"]
        # Three queries, whatever the number of invoices and payments.
        invoices = list(member_invoices(self.member).order_by("-year"))
        for invoice in invoices:
            invoice.status_today = Invoice.Status(invoice.status_on(today)).label
            invoice.paid_today = invoice.paid_on(today)
            invoice.due_today = (
                invoice.outstanding_on(today) if not invoice.cancelled_on(today) else 0
            )
        return super().get_context_data(
            today=today,
            day=day,
            form=form,
            standing=standing(self.member, today, invoices=invoices),
            vote=voting_right(self.member, day),
            invoices=invoices,
            **kwargs,
        )
