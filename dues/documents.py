"""The invoice as a document: one sheet, shown as a printable page and
rendered to PDF by WeasyPrint (its system libraries: Pango ≥ 1.44)."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from core.pdf import render_pdf
from dues.models import Invoice

# The issuer, as it appears on every invoice.
ASSOCIATION_NAME = _("Metropolis — World Association of the Major Metropolises")
ASSOCIATION_ADDRESS = ("Avinyó, 15", "08002 Barcelona", _("Spain"))
STYLESHEET = "css/invoice.css"


@dataclass(frozen=True)
class InvoiceSheet:
    invoice: Invoice
    day: datetime.date

    @property
    def payments(self):
        return [p for p in self.invoice.payments.all() if p.received_on <= self.day]

    @property
    def paid(self):
        return self.invoice.paid_on(self.day)

    @property
    def balance(self):
        return self.invoice.outstanding_on(self.day)

    @property
    def discount(self):
        return self.invoice.grid_amount - self.invoice.amount

    @property
    def status(self) -> str:
        return Invoice.Status(self.invoice.status_on(self.day)).label

    @property
    def credit_note(self):
        return getattr(self.invoice, "credit_note", None)


def sheet_queryset():
    """Invoices with what the sheet shows, in three queries."""
    return Invoice.objects.select_related(
        "member", "cell__grid", "credit_note"
    ).prefetch_related("payments")


def sheet_context(invoice: Invoice, day: datetime.date) -> dict:
    return {
        "sheet": InvoiceSheet(invoice, day),
        "association_name": ASSOCIATION_NAME,
        "association_address": ASSOCIATION_ADDRESS,
    }


def invoice_pdf(invoice: Invoice, day: datetime.date, base_url: str) -> bytes:
    """The invoice as a PDF file's bytes."""
    return render_pdf(
        "dues/invoice_document.html",
        sheet_context(invoice, day),
        base_url=base_url,
        stylesheet=STYLESHEET,
    )
