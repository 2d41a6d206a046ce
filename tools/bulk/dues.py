"""Bulk dues: an invoice per bulk member for last year and this year, where an
approved grid covers the year (the demo's grids are made where none does),
most paid, some partly, some not at all.

Bulk invoices are numbered apart ("bulk-2026-000001"): they take no number of
the association's own sequence, which stays without gap once they are gone.
"""

import datetime
from collections.abc import Iterator
from decimal import Decimal

from dues.models import FeeGrid, Invoice, Payment
from dues.services import DUE_DAYS
from members.models import MemberCity
from tools.demo.dues import ensure_grids

PAID_SHARES = (Decimal(1), Decimal("0.5"), Decimal(0))
PAID_WEIGHTS = (70, 15, 15)
CENT = Decimal("0.01")


def invoice_number(prefix: str, year: int, number: int) -> str:
    return f"{prefix}{year}-{number:06d}"


def bulk_invoices(generator, prefix: str) -> Iterator[Invoice]:
    """Invoices of the bulk members that the services would issue: active,
    joined by the year, with an income band."""
    ensure_grids()
    today = generator.today
    cells = {}
    for year in (today.year - 1, today.year):
        grid = FeeGrid.objects.for_year(year).prefetch_related("cells").first()
        if grid is not None and grid.approved_on and not grid.missing_cells():
            cells[year] = {
                (c.income_band, c.is_capital, c.membership_type): c
                for c in grid.cells.all()
            }
    members = (
        MemberCity.objects.filter(slug__startswith=prefix, status="active")
        .exclude(income_band="")
        .order_by("pk")
        .values_list("pk", "join_year", "income_band", "is_capital", "membership_type")
    )
    numbers = dict.fromkeys(cells, 0)
    for member_id, join_year, *key in members.iterator(chunk_size=2000):
        for year, grid_cells in cells.items():
            if join_year > year:
                continue
            cell = grid_cells[tuple(key)]
            numbers[year] += 1
            issued_on = (
                datetime.date(year, 1, 15)
                if year < today.year
                else max(datetime.date(year, 1, 1), today - datetime.timedelta(10))
            )
            yield Invoice(
                number=invoice_number(prefix, year, numbers[year]),
                member_id=member_id,
                year=year,
                cell=cell,
                grid_amount=cell.amount,
                amount=cell.amount,
                issued_on=issued_on,
                due_on=issued_on + datetime.timedelta(days=DUE_DAYS),
            )


def bulk_payments(generator, rng):
    """After each batch of invoices: their payments, by chance."""

    def after(batch: list[Invoice]) -> None:
        payments = []
        for invoice in batch:
            share = rng.choices(PAID_SHARES, PAID_WEIGHTS)[0]
            if not share:
                continue
            received_on = min(
                invoice.issued_on + datetime.timedelta(days=rng.randint(0, 40)),
                generator.today,
            )
            payments.append(
                Payment(
                    invoice_id=invoice.pk,
                    received_on=received_on,
                    amount=(invoice.amount * share).quantize(CENT),
                    reference=f"{invoice.number}",
                )
            )
        generator.insert(Payment, payments)

    return after


def bulk_dues_querysets(prefix: str) -> list:
    """What identifies bulk dues, children first."""
    invoices = Invoice.objects.filter(number__startswith=prefix)
    return [Payment.objects.filter(invoice__in=invoices), invoices]
