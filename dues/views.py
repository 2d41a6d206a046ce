"""An invoice as a printable page and as a PDF, for the secretariat and the
city's liaisons; anyone else gets 404 (existence is not revealed)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.utils import timezone
from django.views.generic import DetailView

from dues.documents import invoice_pdf, sheet_context, sheet_queryset
from members.viewers import get_viewer


class InvoiceMixin(LoginRequiredMixin):
    slug_field = "number"
    slug_url_kwarg = "number"

    def get_queryset(self):
        return sheet_queryset().visible_to(get_viewer(self.request))


class InvoiceDetailView(InvoiceMixin, DetailView):
    template_name = "dues/invoice_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return context | sheet_context(self.object, timezone.localdate())


class InvoicePdfView(InvoiceMixin, DetailView):
    def render_to_response(self, context, **response_kwargs):
        invoice = self.object
        pdf = invoice_pdf(
            invoice, timezone.localdate(), self.request.build_absolute_uri("/")
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="invoice-{invoice.number}.pdf"'
        )
        return response
