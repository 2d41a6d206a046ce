"""Fee grids: periods that never overlap, every cell present, amounts positive;
the amount of every cell, with and without a territory discount."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from dues.models import CELL_KEYS, FeeGrid, FeeGridCell, Invoice, TerritoryDiscount
from dues.services import fee_grid_create, grid_for_year, invoice_issue
from tests.dues.utils import amounts, cell_amount, make_city, make_grid

pytestmark = pytest.mark.django_db


def test_a_grid_has_sixteen_cells(grid):
    assert len(CELL_KEYS) == 16
    assert grid.cells.count() == 16
    assert grid.missing_cells() == []


def test_a_grid_with_a_missing_cell_is_refused_and_nothing_written():
    given = amounts()
    del given[("high", True, "joint")]

    with pytest.raises(ValidationError) as error:
        fee_grid_create(first_year=2026, last_year=2028, amounts=given)

    assert "cells" in error.value.message_dict
    assert "High income, capital, Joint with UCLG" in str(error.value)
    assert not FeeGrid.objects.exists()


@pytest.mark.parametrize("bad", [Decimal(0), Decimal("-5.00"), Decimal("10.005")])
def test_a_cell_amount_must_be_positive_in_cents(bad):
    with pytest.raises(ValidationError) as error:
        fee_grid_create(
            first_year=2026,
            last_year=2028,
            amounts=amounts({("low", False, "joint"): bad}),
        )

    assert "cells" in error.value.message_dict
    assert not FeeGrid.objects.exists()
    assert not FeeGridCell.objects.exists()


@pytest.mark.parametrize(("first", "last"), [(2028, 2030), (2024, 2026), (2027, 2027)])
def test_periods_never_overlap(grid, first, last):
    with pytest.raises(ValidationError) as error:
        make_grid(first, last)

    assert "2026–2028" in error.value.message_dict["first_year"][0]
    assert FeeGrid.objects.count() == 1


def test_the_next_period_is_accepted(grid):
    assert str(make_grid(2029, 2031)) == "2029–2031"


def test_the_last_year_is_not_before_the_first():
    with pytest.raises(ValidationError) as error:
        make_grid(2028, 2026)

    assert "last_year" in error.value.message_dict


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_the_database_refuses_overlapping_periods(grid):
    with (
        pytest.raises(IntegrityError, match="dues_feegrid_no_overlap"),
        transaction.atomic(),
    ):
        FeeGrid.objects.create(first_year=2028, last_year=2029)


def test_the_database_refuses_a_non_positive_cell(grid):
    with pytest.raises(IntegrityError), transaction.atomic():
        grid.cells.filter(income_band="low").update(amount=Decimal(0))


def test_the_grid_in_force_is_chosen_by_year(grid):
    older = make_grid(2023, 2025)

    assert grid_for_year(2025) == older
    assert grid_for_year(2026) == grid
    assert grid_for_year(2028) == grid


def test_a_year_without_a_grid_names_the_year(grid):
    with pytest.raises(ValidationError) as error:
        grid_for_year(2031)

    assert "No fee grid covers 2031" in error.value.message_dict["year"][0]


@pytest.mark.parametrize("key", CELL_KEYS, ids=lambda key: "-".join(map(str, key)))
def test_the_amount_of_every_cell(grid, key):
    band, is_capital, kind = key
    member = make_city(income_band=band, is_capital=is_capital, membership_type=kind)

    invoice = invoice_issue(member=member, year=2027)

    assert invoice.amount == cell_amount(*key)
    assert invoice.grid_amount == cell_amount(*key)
    assert invoice.cell.grid == grid
    assert (invoice.cell.income_band, invoice.cell.is_capital) == (band, is_capital)
    assert invoice.cell.membership_type == kind
    assert invoice.currency == "EUR"


def test_a_territory_discount_lowers_the_amount_to_the_cent(grid):
    member = make_city(income_band="low", membership_type="exclusive")  # 1000.00
    TerritoryDiscount.objects.create(
        member=member, percent=Decimal("33.33"), reason="Barcelona metropolitan area"
    )

    invoice = invoice_issue(member=member, year=2026)

    assert invoice.grid_amount == Decimal("1000.00")
    assert invoice.discount_percent == Decimal("33.33")
    assert invoice.amount == Decimal("666.70")


def test_a_band_change_after_issue_keeps_the_issued_amount(grid, city):
    invoice = invoice_issue(member=city, year=2026)
    city.income_band = "low"
    city.save()
    grid.cells.update(amount=Decimal("1.00"))

    invoice = Invoice.objects.get(pk=invoice.pk)
    assert invoice.amount == Decimal("4000.00")
    assert invoice.grid_amount == Decimal("4000.00")
    assert invoice.cell.income_band == "high"
