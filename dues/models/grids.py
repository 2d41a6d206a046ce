"""Fee grids (a period of years, an amount per cell), territory discounts and
fee waivers."""

from decimal import Decimal

from django.contrib.postgres.fields import IntegerRangeField, RangeOperators
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q, Value
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.db import PostgresExclusionConstraint
from dues.models.money import (
    CELL_KEYS,
    CENT,
    CURRENCY,
    POSITIVE,
    Band,
    Type,
    cell_label,
    money_field,
)
from members.models import FOUNDING_YEAR, MemberCity


class FeeGridQuerySet(models.QuerySet):
    def for_year(self, year: int) -> "FeeGridQuerySet":
        return self.filter(first_year__lte=year, last_year__gte=year)

    def approved(self) -> "FeeGridQuerySet":
        """The grids the General Assembly approved: only these are invoiced."""
        return self.filter(approved_on__isnull=False)


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
    approved_on = models.DateField(
        _("approved on"),
        null=True,
        blank=True,
        help_text=_(
            "The day the General Assembly approved the grid, which puts it in "
            "force: invoices are issued from approved grids only. Set by the "
            "adopted resolution; set it here for a grid approved before."
        ),
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
