"""Membership dues: the statutory fee grid, discounts and waivers, invoices,
credit notes and payments. Money is Decimal with two places, in EUR.

Derived facts (an invoice's status on a day) are computed, never stored: a
Python twin on the model and a SQL twin on the QuerySet, tested equal.
"""

import datetime
import itertools
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.postgres.fields import IntegerRangeField, RangeOperators
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, Round
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.db import PostgresExclusionConstraint
from members.models import FOUNDING_YEAR, MemberCity

CURRENCY = "EUR"
CENT = Decimal("0.01")
ZERO = Decimal("0.00")
MONEY = {"max_digits": 12, "decimal_places": 2}
POSITIVE = [MinValueValidator(CENT)]
Band = MemberCity.IncomeBand
Type = MemberCity.MembershipType
# Every cell a grid must have: income band × capital or not × membership type.
CELL_KEYS = tuple(itertools.product(Band.values, (False, True), Type.values))


def money_field(verbose_name, **kwargs) -> models.DecimalField:
    return models.DecimalField(verbose_name, **MONEY, **kwargs)


def money_sql(expression) -> models.Expression:
    """A money sum rounded to the cent: SQLite adds decimals as binary floats."""
    return Round(expression, 2, output_field=models.DecimalField(**MONEY))


def cell_label(band: str, is_capital: bool, membership_type: str) -> str:
    capital = _("capital") if is_capital else _("not capital")
    return f"{Band(band).label}, {capital}, {Type(membership_type).label}"


class FeeGridQuerySet(models.QuerySet):
    def for_year(self, year: int) -> "FeeGridQuerySet":
        return self.filter(first_year__lte=year, last_year__gte=year)


class FeeGrid(models.Model):
    """The grid in force over a period of years, one amount per cell."""

    first_year = models.PositiveSmallIntegerField(
        _("first year"), validators=[MinValueValidator(FOUNDING_YEAR)]
    )
    last_year = models.PositiveSmallIntegerField(
        _("last year"), validators=[MinValueValidator(FOUNDING_YEAR)]
    )
    note = models.CharField(
        _("note"), max_length=300, blank=True, help_text=_("E.g. the decision.")
    )

    history = HistoricalRecords()
    objects = FeeGridQuerySet.as_manager()

    class Meta:
        ordering = ["-first_year"]
        verbose_name = _("fee grid")
        verbose_name_plural = _("fee grids")
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__gte=F("first_year")),
                name="dues_feegrid_years_in_order",
            ),
            # clean() says the same on every database.
            PostgresExclusionConstraint(
                name="dues_feegrid_no_overlap",
                expressions=[
                    (
                        models.Func(
                            F("first_year"),
                            F("last_year"),
                            Value("[]"),
                            function="INT4RANGE",
                            output_field=IntegerRangeField(),
                        ),
                        RangeOperators.OVERLAPS,
                    )
                ],
            ),
        ]

    def __str__(self):
        return f"{self.first_year}–{self.last_year}"

    def get_absolute_url(self):
        return reverse("admin:dues_feegrid_change", args=[self.pk])

    def amounts(self) -> dict[tuple[str, bool, str], Decimal]:
        """{(band, is_capital, type): amount}. Uses the cells (prefetchable)."""
        return {
            (c.income_band, c.is_capital, c.membership_type): c.amount
            for c in self.cells.all()
        }

    def missing_cells(self) -> list[str]:
        """The labels of the cells this grid lacks, in the grid's order."""
        present = self.amounts()
        return [cell_label(*key) for key in CELL_KEYS if key not in present]

    def clean(self):
        if self.first_year is None or self.last_year is None:
            return
        if self.last_year < self.first_year:
            raise ValidationError(
                {"last_year": _("The last year cannot be before the first year.")}
            )
        clash = (
            FeeGrid.objects.filter(
                first_year__lte=self.last_year, last_year__gte=self.first_year
            )
            .exclude(pk=self.pk)
            .first()
        )
        if clash:
            raise ValidationError(
                {
                    "first_year": _(
                        "The grid %(grid)s covers some of these years: the "
                        "periods of two grids cannot overlap."
                    )
                    % {"grid": clash}
                }
            )


class FeeGridCell(models.Model):
    grid = models.ForeignKey(
        FeeGrid, on_delete=models.CASCADE, related_name="cells", verbose_name=_("grid")
    )
    income_band = models.CharField(_("income band"), max_length=20, choices=Band)
    is_capital = models.BooleanField(_("capital city"), default=False)
    membership_type = models.CharField(
        _("membership type"), max_length=20, choices=Type
    )
    amount = money_field(_("amount (EUR)"), validators=POSITIVE)

    history = HistoricalRecords()

    class Meta:
        ordering = ["grid", "membership_type", "is_capital", "income_band"]
        verbose_name = _("fee grid cell")
        verbose_name_plural = _("fee grid cells")
        constraints = [
            models.UniqueConstraint(
                fields=["grid", "income_band", "is_capital", "membership_type"],
                name="dues_feegridcell_one_per_cell",
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="dues_feegridcell_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(income_band__in=Band.values),
                name="dues_feegridcell_band_known",
            ),
            models.CheckConstraint(
                condition=Q(membership_type__in=Type.values),
                name="dues_feegridcell_type_known",
            ),
        ]

    def __str__(self):
        return f"{self.grid}: {self.label} — {self.amount} {CURRENCY}"

    @property
    def label(self) -> str:
        return cell_label(self.income_band, self.is_capital, self.membership_type)


class TerritoryDiscount(models.Model):
    """Cities sharing a territory pay a share of the grid's amount."""

    member = models.OneToOneField(
        MemberCity,
        on_delete=models.CASCADE,
        related_name="territory_discount",
        verbose_name=_("member city"),
    )
    percent = models.DecimalField(
        _("discount (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(CENT), MaxValueValidator(Decimal("99.99"))],
    )
    reason = models.CharField(_("territory shared with"), max_length=300)

    history = HistoricalRecords()

    class Meta:
        ordering = ["member__name"]
        verbose_name = _("territory discount")
        verbose_name_plural = _("territory discounts")
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__gt=0, percent__lt=100),
                name="dues_territorydiscount_percent_range",
            )
        ]

    def __str__(self):
        return f"{self.member}: −{self.percent} %"


class FeeWaiver(models.Model):
    """The Board waived a member's fee for a year."""

    member = models.ForeignKey(
        MemberCity,
        on_delete=models.PROTECT,
        related_name="fee_waivers",
        verbose_name=_("member city"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FOUNDING_YEAR)]
    )
    reason = models.TextField(_("reason"))
    decided_on = models.DateField(_("decided on"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "member__name"]
        verbose_name = _("fee waiver")
        verbose_name_plural = _("fee waivers")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "year"], name="dues_feewaiver_one_per_year"
            )
        ]

    def __str__(self):
        return f"{self.member} — {self.year}"


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
            )
        ]

    def __str__(self):
        return f"{self.invoice.number}: {self.amount} {CURRENCY} ({self.received_on})"
