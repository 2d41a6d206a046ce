"""Money and the grid's cells: shared by the grids and the invoices."""

import itertools
from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Round
from django.utils.translation import gettext_lazy as _

from members.models import MemberCity

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
