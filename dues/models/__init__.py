"""Membership dues: the statutory fee grid, discounts and waivers, invoices,
credit notes and payments. Money is Decimal with two places, in EUR."""

from dues.models.grids import FeeGrid, FeeGridCell, FeeWaiver, TerritoryDiscount
from dues.models.invoices import (
    CreditNote,
    Invoice,
    InvoiceCounter,
    InvoiceQuerySet,
    Payment,
    discounted,
)
from dues.models.money import (
    CELL_KEYS,
    CENT,
    CURRENCY,
    MONEY,
    POSITIVE,
    ZERO,
    Band,
    Type,
    cell_label,
    money_field,
    money_sql,
)

__all__ = [
    "CELL_KEYS",
    "CENT",
    "CURRENCY",
    "MONEY",
    "POSITIVE",
    "ZERO",
    "Band",
    "CreditNote",
    "FeeGrid",
    "FeeGridCell",
    "FeeWaiver",
    "Invoice",
    "InvoiceCounter",
    "InvoiceQuerySet",
    "Payment",
    "TerritoryDiscount",
    "Type",
    "cell_label",
    "discounted",
    "money_field",
    "money_sql",
]
