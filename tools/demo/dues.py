"""Demo dues: the 2023–2025 grid (its public figures, the other cells
illustrative), a 2026–2028 grid (illustrative), and invoices of the demo
cities for the year before last, last year and this year, dated from today,
so that standing and the right to vote show every case: paid, partly paid,
overdue, waived, paid late. The year before last's fees give the roll of the
General Assembly held last year (governance demo): the right to vote rests on
the previous year's fee, paid in full by the Assembly's day.

Idempotent: grids are found by their years, waivers by member and year,
invoices by member and year; an invoice's demo payments are recorded only
when the invoice is created, so a run never changes what a person did since.
Invoices and payments are records of money: `--reset` leaves them as they
are (an invoice is cancelled by a credit note, never rewritten); it puts
back the demo waiver's reason and day.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from dues.models import CELL_KEYS, FeeGrid, FeeGridCell, FeeWaiver, Invoice, Payment
from dues.services import DUE_DAYS, fee_grid_create, invoice_issue, payment_record
from members.models import MemberCity
from tools.demo.clock import assembly_day

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
# What each demo city did with the fees of the year before last, last year
# and this year: paid "all", "half" or nothing (0) within the payment term;
# "late": nothing by last year's General Assembly, all a month after it;
# "half-late": half in the term, the rest a month after that Assembly; or
# "waived" (a Board decision, no invoice).
PLAN = {
    "guangzhou": ("all", "all", "half"),  # this year's half paid: partly paid
    "barcelona": ("all", "all", "all"),
    "berlin": ("all", "all", 0),
    "dakar": ("all", "waived", 0),
    # Not on the roll of last year's Assembly; last year's half unpaid: overdue.
    "montevideo": ("half-late", "half", 0),
    # Not on that roll either; nothing paid for last year: overdue.
    "mexico-city": ("late", 0, 0),
}
FIRST_GRID = GRIDS[0][0]
CARRIED_BACK = "Illustrative: the 2023–2025 amounts, carried back."
CARRIED_FORWARD = "Illustrative: the 2026–2028 amounts, carried forward."


def invoiced_years(today: datetime.date) -> tuple[int, int, int]:
    """The year before last, last year and this year."""
    return (today.year - 2, today.year - 1, today.year)


def _grids(today: datetime.date | None) -> list:
    """GRIDS, and an illustrative grid for each three-year period (counted
    from 2023) that an invoiced year falls in and GRIDS do not cover, so that
    the demo invoices whatever today is: the 2023–2025 amounts carried back
    before 2023, the 2026–2028 amounts carried forward after 2028."""
    grids = list(GRIDS)
    if today is None:
        return grids
    for year in invoiced_years(today):
        if any(first <= year <= last for first, last, *_rest in grids):
            continue
        first = FIRST_GRID + (year - FIRST_GRID) // 3 * 3
        if year < FIRST_GRID:
            grids.append((first, first + 2, GRID_2023, CARRIED_BACK))
        else:
            grids.append((first, first + 2, GRID_2026, CARRIED_FORWARD))
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


def load_dues(
    *, cities: dict[str, MemberCity], today: datetime.date, reset: bool = False
) -> int:
    """Create what is missing; the number of records created."""
    started = timezone.now()
    created = ensure_grids(today)
    for slug, shares in PLAN.items():
        member = cities.get(slug)
        if member is None or member.status != MemberCity.Status.ACTIVE:
            continue
        for year, share in zip(invoiced_years(today), shares, strict=True):
            created += _load_year(member, year, share, today, reset=reset)
    # The services write the history; name the demo as its reason.
    for model in (FeeGrid, FeeGridCell, FeeWaiver, Invoice, Payment):
        model.history.filter(
            history_date__gte=started, history_change_reason__isnull=True
        ).update(history_change_reason=CHANGE_REASON)
    return created


def _load_year(member, year: int, share, today: datetime.date, *, reset) -> int:
    if (
        member.join_year > year
        or not member.income_band  # changed by a person: not invoiced
        or not FeeGrid.objects.for_year(year).approved().exists()
        # Made on an earlier day with that day's plan: what happened stays.
        or Invoice.objects.filter(member=member, year=year).exists()
    ):
        return 0
    if share == "waived":
        values = {
            "reason": "Illustrative: fee waived by the Board after a flood.",
            "decided_on": min(datetime.date(year, 3, 1), today),
        }
        waiver, made = FeeWaiver.objects.get_or_create(
            member=member, year=year, defaults=values
        )
        if reset and any(getattr(waiver, k) != v for k, v in values.items()):
            for name, value in values.items():
                setattr(waiver, name, value)
            waiver.full_clean()
            waiver._change_reason = CHANGE_REASON
            waiver.save()
        return int(made)
    if FeeWaiver.objects.filter(member=member, year=year).exists():
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
    half = (invoice.amount / 2).quantize(Decimal("0.01"))
    in_term = {"all": invoice.amount, "half": half, "half-late": half}.get(share)
    if in_term:
        payment_record(
            invoice=invoice,
            received_on=min(issued_on + datetime.timedelta(days=20), today),
            amount=in_term,
            reference=f"DEMO-{invoice.number}",
        )
    if share in ("late", "half-late"):
        # A month after last year's Assembly: too late for its roll.
        late_on = min(assembly_day(today) + datetime.timedelta(days=30), today)
        payment_record(
            invoice=invoice,
            received_on=max(late_on, issued_on),
            amount=invoice.amount - (in_term or 0),
            reference=f"DEMO-{invoice.number}-LATE",
        )
    return 1
