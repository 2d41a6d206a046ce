"""Builders for dues tests: grids, members with fee attributes, invoices."""

import datetime
from decimal import Decimal

from dues.models import CELL_KEYS
from dues.services import fee_grid_create, invoice_issue
from members.models import MemberCity
from tests import factories

BAND_BASE = {"low": 1000, "lower_middle": 2000, "upper_middle": 3000, "high": 4000}
ISSUED_ON = datetime.date(2026, 1, 15)
DUE_ON = datetime.date(2026, 2, 14)


def cell_amount(band: str, is_capital: bool, kind: str) -> Decimal:
    """A distinct amount per cell: the band's base, +100 capital, +10 joint."""
    return Decimal(BAND_BASE[band] + 100 * is_capital + 10 * (kind == "joint"))


def amounts(overrides: dict | None = None) -> dict:
    overrides = overrides or {}
    return {key: overrides.get(key, cell_amount(*key)) for key in CELL_KEYS}


def make_grid(first_year=2026, last_year=2028, **kwargs):
    """Approved the day before its first year unless `approved_on` is given
    (None: awaiting the General Assembly's approval)."""
    kwargs.setdefault("approved_on", datetime.date(first_year - 1, 12, 31))
    return fee_grid_create(
        first_year=first_year, last_year=last_year, amounts=amounts(), **kwargs
    )


def make_city(**kwargs) -> MemberCity:
    values = {
        "income_band": MemberCity.IncomeBand.HIGH,
        "membership_type": MemberCity.MembershipType.EXCLUSIVE,
        "is_capital": False,
        "join_year": 2000,
    }
    return factories.MemberCityFactory(**(values | kwargs))


def make_invoice(member, year=2026, issued_on=ISSUED_ON, due_on=DUE_ON, **kwargs):
    return invoice_issue(
        member=member, year=year, issued_on=issued_on, due_on=due_on, **kwargs
    )
