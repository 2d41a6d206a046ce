"""Writes on dues: issuing invoices, recording payments, cancelling invoices,
and fee grids with their cells. The admin, the API and the command all come
here."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.db import lock_exclusion_guarded_table
from core.events import emit
from core.formats import money
from dues.models import (
    CELL_KEYS,
    CENT,
    ZERO,
    CreditNote,
    FeeGrid,
    FeeGridCell,
    FeeWaiver,
    Invoice,
    InvoiceCounter,
    Payment,
    TerritoryDiscount,
    cell_label,
    discounted,
)
from members.models import MemberCity

# Days between an invoice's issue and its due date, unless told otherwise.
DUE_DAYS = 30


def _with_author(obj, by):
    """simple-history names `by` as the author (outside a request too)."""
    if by is not None and getattr(by, "is_authenticated", False):
        obj._history_user = by
    return obj


def next_numbers(*, year: int, kind: str, count: int = 1) -> list[str]:
    """`count` numbers for `year`, following the last one given ("2026-0007").

    Call in a transaction: the counter's row stays locked until it ends, so
    a second transaction taking numbers of the same year waits (PostgreSQL),
    and no number is given twice or skipped.
    """
    # The row may not exist yet: create it, ignoring a concurrent creation.
    InvoiceCounter.objects.bulk_create(
        [InvoiceCounter(year=year, kind=kind)], ignore_conflicts=True
    )
    counter = InvoiceCounter.objects.select_for_update().get(year=year, kind=kind)
    first = counter.last_number + 1
    counter.last_number += count
    counter.save(update_fields=["last_number"])
    prefix = "" if kind == InvoiceCounter.Kind.INVOICE else "C"
    return [f"{prefix}{year}-{n:04d}" for n in range(first, first + count)]


def grid_for_year(year: int) -> FeeGrid:
    """The grid in force in `year`: approved and complete. ValidationError on
    `year` else."""
    grid = FeeGrid.objects.for_year(year).prefetch_related("cells").first()
    if grid is None:
        raise ValidationError(
            {"year": _("No fee grid covers %(year)s: add one first.") % {"year": year}}
        )
    if grid.approved_on is None:
        raise ValidationError(
            {
                "year": _("The fee grid for %(year)s is not approved yet.")
                % {"year": year}
            }
        )
    if missing := grid.missing_cells():
        raise ValidationError(
            {
                "year": _("The fee grid %(grid)s has no amount for: %(cells)s.")
                % {"grid": grid, "cells": "; ".join(missing)}
            }
        )
    return grid


def _check_member(member: MemberCity, year: int) -> None:
    if member.status != MemberCity.Status.ACTIVE:
        raise ValidationError(
            {"member": _("%(member)s is not an active member.") % {"member": member}}
        )
    if member.join_year > year:
        raise ValidationError(
            {
                "year": _("%(member)s joined in %(join)s: no fee for %(year)s.")
                % {"member": member, "join": member.join_year, "year": year}
            }
        )
    if not member.income_band:
        raise ValidationError(
            {
                "member": _("%(member)s has no income band: set it before invoicing.")
                % {"member": member}
            }
        )


def _build_invoice(
    *, member, year, grid, number, issued_on, due_on, by, discounts
) -> Invoice:
    cell = next(
        c
        for c in grid.cells.all()
        if (c.income_band, c.is_capital, c.membership_type)
        == (member.income_band, member.is_capital, member.membership_type)
    )
    percent = discounts.get(member.pk, ZERO)
    return _with_author(
        Invoice(
            number=number,
            member=member,
            year=year,
            cell=cell,
            grid_amount=cell.amount,
            discount_percent=percent,
            amount=discounted(cell.amount, percent),
            issued_on=issued_on,
            due_on=due_on,
            issued_by=by if getattr(by, "is_authenticated", False) else None,
        ),
        by,
    )


@dataclass
class IssueReport:
    year: int
    grid: FeeGrid | None = None
    issued: list[Invoice] = field(default_factory=list)
    already_invoiced: int = 0
    waived: list[MemberCity] = field(default_factory=list)
    skipped: list[tuple[MemberCity, str]] = field(default_factory=list)


@transaction.atomic
def invoices_issue(
    *,
    year: int,
    by=None,
    issued_on: datetime.date | None = None,
    due_on: datetime.date | None = None,
) -> IssueReport:
    """Issue `year`'s invoice to every active member that joined by `year`
    and has none yet; idempotent (a second run issues nothing).

    Members whose fee for `year` is waived get no invoice (the waiver is
    their record). Members without an income band are skipped and reported.
    The amount is the grid cell of the member's band, capital and type today,
    less its territory discount. Raises ValidationError (on `year`) when no
    approved, complete grid covers `year`.
    """
    issued_on = issued_on or timezone.localdate()
    due_on = due_on or issued_on + datetime.timedelta(days=DUE_DAYS)
    report = IssueReport(year=year)
    report.grid = grid = grid_for_year(year)
    # Taking the counter first makes a concurrent run wait here, then see
    # this run's invoices (PostgreSQL): one invoice per member and year.
    next_numbers(year=year, kind=InvoiceCounter.Kind.INVOICE, count=0)
    candidates = MemberCity.objects.active().filter(join_year__lte=year)
    report.already_invoiced = candidates.filter(invoices__year=year).count()
    waived_ids = set(
        FeeWaiver.objects.filter(year=year).values_list("member_id", flat=True)
    )
    due = []
    for member in candidates.exclude(invoices__year=year).order_by("name", "pk"):
        if member.pk in waived_ids:
            report.waived.append(member)
        elif not member.income_band:
            report.skipped.append((member, _("no income band")))
        else:
            due.append(member)
    numbers = next_numbers(year=year, kind=InvoiceCounter.Kind.INVOICE, count=len(due))
    discounts = dict(
        TerritoryDiscount.objects.filter(member__in=due).values_list(
            "member_id", "percent"
        )
    )
    for member, number in zip(due, numbers, strict=True):
        invoice = _build_invoice(
            member=member,
            year=year,
            grid=grid,
            number=number,
            issued_on=issued_on,
            due_on=due_on,
            by=by,
            discounts=discounts,
        )
        invoice.save()
        emit("invoice.issued", invoice, by=by)
        report.issued.append(invoice)
    return report


@transaction.atomic
def invoice_issue(
    *,
    member: MemberCity,
    year: int,
    by=None,
    issued_on: datetime.date | None = None,
    due_on: datetime.date | None = None,
) -> Invoice:
    """Issue one member's invoice for `year`. ValidationError naming the field
    when the member may not be invoiced, already is, or no grid covers `year`."""
    issued_on = issued_on or timezone.localdate()
    due_on = due_on or issued_on + datetime.timedelta(days=DUE_DAYS)
    if due_on < issued_on:
        raise ValidationError({"due_on": _("The due date cannot be before issue.")})
    grid = grid_for_year(year)
    _check_member(member, year)
    if FeeWaiver.objects.filter(member=member, year=year).exists():
        raise ValidationError(
            {"member": _("The fee for %(year)s is waived.") % {"year": year}}
        )
    # The counter's lock serialises invoices of one year: the check below
    # then sees any invoice a concurrent request just issued.
    (number,) = next_numbers(year=year, kind=InvoiceCounter.Kind.INVOICE)
    if Invoice.objects.filter(member=member, year=year).exists():
        raise ValidationError(
            {
                "year": _("%(member)s already has an invoice for %(year)s.")
                % {"member": member, "year": year}
            }
        )
    discounts = dict(
        TerritoryDiscount.objects.filter(member=member).values_list(
            "member_id", "percent"
        )
    )
    invoice = _build_invoice(
        member=member,
        year=year,
        grid=grid,
        number=number,
        issued_on=issued_on,
        due_on=due_on,
        by=by,
        discounts=discounts,
    )
    invoice.save()
    emit("invoice.issued", invoice, by=by)
    return invoice


def _lock(invoice: Invoice) -> Invoice:
    """The invoice read again with its row locked: two payments at once would
    each pass the overpayment check against the other's absence."""
    return (
        Invoice.objects.select_for_update(of=("self",))
        .select_related("credit_note")
        .get(pk=invoice.pk)
    )


@transaction.atomic
def payment_record(
    *,
    invoice: Invoice,
    received_on: datetime.date,
    amount: Decimal,
    method: str = Payment.Method.TRANSFER,
    reference: str = "",
    by=None,
) -> Payment:
    """Record a payment of `invoice`. ValidationError naming the field when the
    amount is not a positive sum in cents, would pay more than is due, or the
    invoice is cancelled; when the date is before issue or in the future."""
    invoice = _lock(invoice)
    today = timezone.localdate()
    if not isinstance(amount, Decimal) or amount != amount.quantize(CENT):
        raise ValidationError({"amount": _("Give an amount in euros and cents.")})
    if amount <= 0:
        raise ValidationError({"amount": _("A payment is a positive amount.")})
    if invoice.cancelled_on(today):
        raise ValidationError(
            {
                "invoice": _("Invoice %(number)s is cancelled.")
                % {"number": invoice.number}
            }
        )
    if received_on < invoice.issued_on or received_on > today:
        raise ValidationError(
            {
                "received_on": _(
                    "A payment is received between the invoice's issue "
                    "(%(issued)s) and today."
                )
                % {"issued": date_format(invoice.issued_on)}
            }
        )
    paid = sum(invoice.payments.values_list("amount", flat=True), ZERO)
    remaining = invoice.amount - paid
    if amount > remaining:
        raise ValidationError(
            {
                "amount": _(
                    "This payment of %(amount)s is more than the %(remaining)s still "
                    "due on invoice %(number)s (%(total)s, %(paid)s paid): "
                    "overpayment is refused."
                )
                % {
                    "amount": money(amount, invoice.currency),
                    "remaining": money(remaining, invoice.currency),
                    "number": invoice.number,
                    "total": money(invoice.amount, invoice.currency),
                    "paid": money(paid, invoice.currency),
                }
            }
        )
    payment = Payment(
        invoice=invoice,
        received_on=received_on,
        amount=amount,
        method=method,
        reference=reference,
        recorded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    payment.full_clean()
    _with_author(payment, by).save()
    if amount == remaining:
        emit("invoice.paid", invoice, by=by)
    return payment


@transaction.atomic
def payment_record_full(
    *, invoice: Invoice, received_on: datetime.date, by=None, reference: str = ""
) -> Payment | None:
    """Pay what is still due on `invoice`; None when nothing is."""
    locked = _lock(invoice)
    remaining = locked.amount - sum(
        locked.payments.values_list("amount", flat=True), ZERO
    )
    if remaining <= 0:
        return None
    return payment_record(
        invoice=locked,
        received_on=received_on,
        amount=remaining,
        reference=reference,
        by=by,
    )


@transaction.atomic
def invoice_cancel(
    *, invoice: Invoice, reason: str, by=None, issued_on: datetime.date | None = None
) -> CreditNote:
    """Cancel `invoice` with a credit note; the invoice stays. ValidationError
    when it is cancelled already or has payments (they would be refunded
    first, outside this app)."""
    invoice = _lock(invoice)
    issued_on = issued_on or timezone.localdate()
    if CreditNote.objects.filter(invoice=invoice).exists():
        raise ValidationError({"invoice": _("This invoice is cancelled already.")})
    if invoice.payments.exists():
        raise ValidationError(
            {"invoice": _("This invoice has payments: it cannot be cancelled.")}
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the invoice is cancelled.")})
    if issued_on < invoice.issued_on:
        raise ValidationError(
            {"issued_on": _("A credit note comes after its invoice.")}
        )
    (number,) = next_numbers(year=issued_on.year, kind=InvoiceCounter.Kind.CREDIT_NOTE)
    note = CreditNote(
        number=number,
        invoice=invoice,
        issued_on=issued_on,
        reason=reason,
        issued_by=by if getattr(by, "is_authenticated", False) else None,
    )
    _with_author(note, by).save()
    return note


@transaction.atomic
def fee_grid_create(
    *,
    first_year: int,
    last_year: int,
    amounts: dict,
    note: str = "",
    approved_on: datetime.date | None = None,
    by=None,
) -> FeeGrid:
    """A grid with every cell: `amounts` maps (band, is_capital, type) to a
    positive Decimal. ValidationError naming the field when a cell is
    missing or not positive, or the period overlaps another grid's. Without
    `approved_on`, the grid waits for the General Assembly's approval (an
    adopted resolution) before invoices are issued from it."""
    lock_exclusion_guarded_table(FeeGrid)
    grid = FeeGrid(
        first_year=first_year, last_year=last_year, note=note, approved_on=approved_on
    )
    grid.full_clean()
    missing = [cell_label(*key) for key in CELL_KEYS if key not in amounts]
    if missing:
        raise ValidationError(
            {
                "cells": _("Give an amount for: %(cells)s.")
                % {"cells": "; ".join(missing)}
            }
        )
    unknown = set(amounts) - set(CELL_KEYS)
    if unknown:
        raise ValidationError({"cells": _("These cells are not in a grid.")})
    _with_author(grid, by).save()
    for key in CELL_KEYS:
        band, capital, kind = key
        cell = FeeGridCell(
            grid=grid,
            income_band=band,
            is_capital=capital,
            membership_type=kind,
            amount=amounts[key],
        )
        try:
            cell.full_clean()
        except ValidationError as exc:
            raise ValidationError(
                {"cells": [f"{cell_label(*key)}: {m}" for m in exc.messages]}
            ) from None
        _with_author(cell, by).save()
    return grid
