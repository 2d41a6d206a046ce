"""Demo dues: the 2023–2025 grid (its public figures, the other cells
illustrative), a 2026–2028 grid (illustrative), and invoices of the demo
cities for last year and this year, dated from today, so that standing and
the right to vote show every case: paid, partly paid, overdue, waived.

Idempotent: grids are found by their years, waivers by member and year,
invoices by member and year; an invoice's demo payments are recorded only
when the invoice is created, so a run never changes what a person did since.
"""

import datetime
from decimal import Decimal

from dues.models import CELL_KEYS, FeeGrid, FeeWaiver, Invoice
from dues.services import DUE_DAYS, fee_grid_create, invoice_issue, payment_record
from members.models import MemberCity

CHANGE_REASON = "load_demo"
L, LM, UM, H = "low", "lower_middle", "upper_middle", "high"
EXCLUSIVE, JOINT = "exclusive", "joint"
# (band, capital?, type) -> EUR. Public figures (DESIGN.md, "dues"): exclusive
# low 1,390 and low capital 1,540, high 11,010 and high capital 13,190; joint
# low 2,090 and high capital 19,870. Every other cell is illustrative.
GRID_2023 = {
    (L, False, EXCLUSIVE): 1390,
    (L, True, EXCLUSIVE): 1540,
    (LM, False, EXCLUSIVE): 3600,
    (LM, True, EXCLUSIVE): 4100,
    (UM, False, EXCLUSIVE): 7200,
    (UM, True, EXCLUSIVE): 8500,
    (H, False, EXCLUSIVE): 11010,
    (H, True, EXCLUSIVE): 13190,
    (L, False, JOINT): 2090,
    (L, True, JOINT): 2300,
    (LM, False, JOINT): 5400,
    (LM, True, JOINT): 6100,
    (UM, False, JOINT): 10800,
    (UM, True, JOINT): 12700,
    (H, False, JOINT): 16500,
    (H, True, JOINT): 19870,
}
# Illustrative: the 2023–2025 grid re-indexed by 4 %, to the ten euros.
GRID_2026 = {
    key: int((Decimal(amount) * Decimal("1.04") / 10).quantize(1)) * 10
    for key, amount in GRID_2023.items()
}
GRIDS = [
    (2023, 2025, GRID_2023, "Public figures where known; other cells illustrative."),
    (2026, 2028, GRID_2026, "Illustrative: the 2023–2025 grid plus 4 %."),
]
# What each demo city did with last year's and this year's fee: a share paid
# ("all", a fraction, or 0), or "waived" (a Board decision, no invoice).
PLAN = {
    "guangzhou": ("all", "half"),
    "barcelona": ("all", "all"),
    "berlin": ("all", 0),
    "dakar": ("waived", 0),
    "montevideo": ("half", 0),  # last year's half unpaid: in arrears
    "mexico-city": (0, 0),  # nothing paid: overdue, may not vote
}


def _grids(today: datetime.date | None) -> list:
    """GRIDS, and an illustrative grid (the 2026–2028 amounts) for each
    three-year period after 2028 that last year or this year falls in, so
    that the demo invoices whatever today is."""
    grids = list(GRIDS)
    if today is None:
        return grids
    for year in sorted({today.year - 1, today.year}):
        if year > GRIDS[-1][1]:
            first = 2026 + (year - 2026) // 3 * 3
            note = "Illustrative: the 2026–2028 amounts, carried forward."
            if all(grid[0] != first for grid in grids):
                grids.append((first, first + 2, GRID_2026, note))
    return grids


def ensure_grids(today: datetime.date | None = None) -> int:
    """The demo's grids, where no grid covers their years; how many were made.
    The bulk generator invoices with them too."""
    created = 0
    for first, last, amounts, note in _grids(today):
        covered = FeeGrid.objects.filter(first_year__lte=last, last_year__gte=first)
        if not covered.exists():
            assert set(amounts) == set(CELL_KEYS)
            fee_grid_create(
                first_year=first,
                last_year=last,
                note=note,
                amounts={key: Decimal(value) for key, value in amounts.items()},
                # Approved by the General Assembly before their first year.
                approved_on=datetime.date(first - 1, 12, 31),
            )
            created += 1
    return created


def load_dues(*, cities: dict[str, MemberCity], today: datetime.date) -> int:
    """Create what is missing; the number of records created."""
    created = ensure_grids(today)
    for slug, shares in PLAN.items():
        member = cities.get(slug)
        if member is None or member.status != MemberCity.Status.ACTIVE:
            continue
        for year, share in zip((today.year - 1, today.year), shares, strict=True):
            created += _load_year(member, year, share, today)
    return created


def _load_year(member, year: int, share, today: datetime.date) -> int:
    if (
        member.join_year > year
        or not member.income_band  # changed by a person: not invoiced
        or not FeeGrid.objects.for_year(year).approved().exists()
    ):
        return 0
    if share == "waived":
        _waiver, made = FeeWaiver.objects.get_or_create(
            member=member,
            year=year,
            defaults={
                "reason": "Illustrative: fee waived by the Board after a flood.",
                "decided_on": min(datetime.date(year, 3, 1), today),
            },
        )
        return int(made)
    if Invoice.objects.filter(member=member, year=year).exists():
        return 0
    if year < today.year:
        issued_on = datetime.date(year, 1, 15)
    else:  # this year's: issued ten days ago, not yet due
        issued_on = max(datetime.date(year, 1, 1), today - datetime.timedelta(days=10))
    invoice = invoice_issue(
        member=member,
        year=year,
        issued_on=issued_on,
        due_on=issued_on + datetime.timedelta(days=DUE_DAYS),
    )
    amount = invoice.amount if share == "all" else None
    if share == "half":
        amount = (invoice.amount / 2).quantize(Decimal("0.01"))
    if amount:
        payment_record(
            invoice=invoice,
            received_on=min(issued_on + datetime.timedelta(days=20), today),
            amount=amount,
            reference=f"DEMO-{invoice.number}",
        )
    return 1
