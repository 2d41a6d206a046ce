"""Invoices, numbered per year under a locked counter; credit notes that
cancel them; payments. An invoice's status on a day is derived: a Python twin
on the model and a SQL twin on the QuerySet, tested equal."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.db import trigram_index
from dues.models.grids import FeeGridCell
from dues.models.money import (
    CENT,
    CURRENCY,
    POSITIVE,
    ZERO,
    money_field,
    money_sql,
)
from members.models import MemberCity


class InvoiceCounter(models.Model):
    """The last number given per year and kind: its row is locked while a
    number is taken, so numbers follow each other with no gap or reuse."""

    class Kind(models.TextChoices):
        INVOICE = "invoice", _("Invoice")
        CREDIT_NOTE = "credit_note", _("Credit note")

    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        ordering = ["year", "kind"]
        verbose_name = _("number counter")
        verbose_name_plural = _("number counters")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "kind"], name="dues_invoicecounter_one_per_year"
            )
        ]

    def __str__(self):
        return f"{self.year} {self.kind}: {self.last_number}"


class InvoiceQuerySet(models.QuerySet):
    def visible_to(self, viewer) -> "InvoiceQuerySet":
        """The secretariat (and write keys) see every invoice, a liaison its
        city's, nobody else any."""
        if viewer.secretariat:
            return self
        if viewer.member_id is not None:
            return self.filter(member=viewer.member_id)
        return self.none()

    def with_status(self, day: datetime.date) -> "InvoiceQuerySet":
        """Annotate `paid_amount`, `outstanding`, `is_cancelled` and `status`
        on `day` (SQL twin of Invoice.status_on)."""
        paid = (
            Payment.objects.filter(invoice=OuterRef("pk"), received_on__lte=day)
            .order_by()
            .values("invoice")
            .annotate(total=Sum("amount"))
            .values("total")
        )
        S = Invoice.Status
        return self.annotate(
            paid_amount=money_sql(Coalesce(Subquery(paid), Value(ZERO))),
            outstanding=money_sql(F("amount") - F("paid_amount")),
            is_cancelled=Exists(
                CreditNote.objects.filter(invoice=OuterRef("pk"), issued_on__lte=day)
            ),
            status=Case(
                When(is_cancelled=True, then=Value(S.CANCELLED)),
                When(outstanding__lte=0, then=Value(S.PAID)),
                When(due_on__lt=day, then=Value(S.OVERDUE)),
                When(paid_amount__gt=0, then=Value(S.PARTLY_PAID)),
                default=Value(S.ISSUED),
                output_field=models.CharField(),
            ),
        )

    def in_status(self, day: datetime.date, *statuses: str) -> "InvoiceQuerySet":
        return self.with_status(day).filter(status__in=statuses)


class Invoice(models.Model):
    """One member's fee for one year, as computed on the day it was issued."""

    class Status(models.TextChoices):
        ISSUED = "issued", _("Issued")
        PARTLY_PAID = "partly_paid", _("Partly paid")
        PAID = "paid", _("Paid")
        OVERDUE = "overdue", _("Overdue")
        CANCELLED = "cancelled", _("Cancelled")

    number = models.CharField(_("number"), max_length=20, editable=False)
    member = models.ForeignKey(
        MemberCity,
        on_delete=models.PROTECT,
        related_name="invoices",
        verbose_name=_("member city"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    cell = models.ForeignKey(
        FeeGridCell,
        on_delete=models.PROTECT,
        related_name="invoices",
        verbose_name=_("grid cell"),
    )
    grid_amount = money_field(_("grid amount (EUR)"))
    discount_percent = models.DecimalField(
        _("territory discount (%)"), max_digits=5, decimal_places=2, default=ZERO
    )
    amount = money_field(_("amount (EUR)"))
    currency = models.CharField(
        _("currency"), max_length=3, choices=[(CURRENCY, CURRENCY)], default=CURRENCY
    )
    issued_on = models.DateField(_("issued on"))
    due_on = models.DateField(_("due on"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )

    history = HistoricalRecords()
    objects = InvoiceQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "number"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        indexes = [
            # The admin's list in this order: a page reads its rows from here.
            models.Index(fields=["-year", "number"], name="dues_invoice_order_idx"),
            # The admin's searches by number (icontains), here and through
            # the payments: on PostgreSQL.
            trigram_index("number", name="dues_invoice_number_trgm"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["number"], name="dues_invoice_number"),
            models.UniqueConstraint(
                fields=["member", "year"], name="dues_invoice_one_per_year"
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="dues_invoice_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=F("issued_on")),
                name="dues_invoice_due_after_issue",
            ),
            models.CheckConstraint(
                condition=Q(currency=CURRENCY), name="dues_invoice_currency_eur"
            ),
        ]

    def __str__(self):
        return f"{self.number} — {self.member}"

    def get_absolute_url(self):
        return reverse("dues:invoice-detail", kwargs={"number": self.number})

    def delete(self, *args, **kwargs):
        raise ValidationError(
            _("An invoice is never deleted: cancel it with a credit note.")
        )

    # The Python twin of InvoiceQuerySet.with_status; payments and the credit
    # note are read through prefetchable relations.

    def paid_on(self, day: datetime.date) -> Decimal:
        paid = sum(
            (p.amount for p in self.payments.all() if p.received_on <= day), ZERO
        )
        return paid.quantize(CENT)

    def outstanding_on(self, day: datetime.date) -> Decimal:
        return self.amount - self.paid_on(day)

    def cancelled_on(self, day: datetime.date) -> bool:
        note = getattr(self, "credit_note", None) if self.pk else None
        return note is not None and note.issued_on <= day

    def status_on(self, day: datetime.date) -> str:
        if self.cancelled_on(day):
            return self.Status.CANCELLED
        paid = self.paid_on(day)
        if paid >= self.amount:
            return self.Status.PAID
        if day > self.due_on:
            return self.Status.OVERDUE
        return self.Status.PARTLY_PAID if paid > 0 else self.Status.ISSUED


def discounted(amount: Decimal, percent: Decimal) -> Decimal:
    """`amount` less `percent` per cent, to the cent (half up)."""
    return (amount * (100 - percent) / 100).quantize(CENT, rounding=ROUND_HALF_UP)


class CreditNote(models.Model):
    """Cancels an invoice as a whole; the invoice stays, numbered as it was."""

    number = models.CharField(_("number"), max_length=20, editable=False)
    invoice = models.OneToOneField(
        Invoice,
        on_delete=models.PROTECT,
        related_name="credit_note",
        verbose_name=_("invoice"),
    )
    issued_on = models.DateField(_("issued on"))
    reason = models.TextField(_("reason"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-issued_on", "number"]
        verbose_name = _("credit note")
        verbose_name_plural = _("credit notes")
        constraints = [
            models.UniqueConstraint(fields=["number"], name="dues_creditnote_number")
        ]

    def __str__(self):
        return f"{self.number} ({self.invoice.number})"


class Payment(models.Model):
    class Method(models.TextChoices):
        TRANSFER = "transfer", _("Bank transfer")
        CARD = "card", _("Card")
        CHEQUE = "cheque", _("Cheque")
        OTHER = "other", _("Other")

    invoice = models.ForeignKey(
        Invoice,
        on_delete=models.PROTECT,
        related_name="payments",
        verbose_name=_("invoice"),
    )
    received_on = models.DateField(_("received on"))
    amount = money_field(_("amount (EUR)"), validators=POSITIVE)
    method = models.CharField(
        _("method"), max_length=20, choices=Method, default=Method.TRANSFER
    )
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["received_on", "pk"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="dues_payment_amount_positive"
            )
        ]
        indexes = [
            # Paid amounts on a day: the payments of an invoice by date.
            models.Index(
                fields=["invoice", "received_on"], name="dues_payment_invoice_idx"
            ),
            # The admin's list in this order: a page reads its rows from here.
            models.Index(fields=["received_on", "id"], name="dues_payment_order_idx"),
            # The admin's search by reference (icontains): on PostgreSQL.
            trigram_index("reference", name="dues_payment_reference_trgm"),
        ]

    def __str__(self):
        return f"{self.invoice.number}: {self.amount} {CURRENCY} ({self.received_on})"
