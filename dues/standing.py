"""A member's standing and its right to vote, on a day (Europe/Madrid dates).

Each fact has a Python twin for one member and a SQL twin over a MemberCity
QuerySet, tested equal. They live here, not on MemberCity's QuerySet:
members knows nothing of dues (imports point down).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.formats import money
from dues.models import ZERO, CreditNote, FeeWaiver, Invoice, Payment, money_sql
from members.models import MemberCity


@dataclass(frozen=True)
class Standing:
    """Up to date, or in arrears (an invoice overdue) with the amount due."""

    amount_due: Decimal
    in_arrears: bool
    next_due_on: datetime.date | None = None


def member_invoices(member: MemberCity):
    """The member's invoices with what the Python twins read, in two queries."""
    return (
        Invoice.objects.filter(member=member)
        .select_related("credit_note", "cell")
        .prefetch_related(Prefetch("payments", queryset=Payment.objects.all()))
    )


def standing(member: MemberCity, day: datetime.date, invoices=None) -> Standing:
    """What `member` owes on `day`: every invoice issued by then and not
    cancelled, less what was paid by then; in arrears when one is overdue."""
    invoices = member_invoices(member) if invoices is None else invoices
    due, arrears, next_due = ZERO, False, None
    for invoice in invoices:
        if invoice.issued_on > day or invoice.cancelled_on(day):
            continue
        outstanding = invoice.outstanding_on(day)
        due += outstanding
        status = invoice.status_on(day)
        arrears = arrears or status == Invoice.Status.OVERDUE
        if outstanding > 0 and status != Invoice.Status.OVERDUE:
            next_due = min(filter(None, (next_due, invoice.due_on)))
    return Standing(amount_due=due, in_arrears=arrears, next_due_on=next_due)


def with_standing(queryset, day: datetime.date):
    """Annotate `amount_due` and `in_arrears` on `day` (SQL twin of standing)."""
    live = Invoice.objects.filter(issued_on__lte=day).exclude(
        Exists(CreditNote.objects.filter(invoice=OuterRef("pk"), issued_on__lte=day))
    )
    invoiced = (
        live.filter(member=OuterRef("pk"))
        .order_by()
        .values("member")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    paid = (
        Payment.objects.filter(
            invoice__in=live, invoice__member=OuterRef("pk"), received_on__lte=day
        )
        .order_by()
        .values("invoice__member")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    overdue = Invoice.objects.filter(member=OuterRef("pk")).in_status(
        day, Invoice.Status.OVERDUE
    )
    return queryset.annotate(
        amount_due=money_sql(
            Coalesce(Subquery(invoiced), Value(ZERO))
            - Coalesce(Subquery(paid), Value(ZERO))
        ),
        in_arrears=Exists(overdue),
    )


# The right to vote ------------------------------------------------------------


@dataclass(frozen=True)
class VotingRight:
    entitled: bool
    reason: str
    fee_year: int


def voting_right(member: MemberCity, day: datetime.date) -> VotingRight:
    """Whether `member` may vote at a General Assembly held on `day`, and why:
    the fee of the year before `day`'s year paid in full by `day`, or waived
    (by a decision taken by `day`)."""
    year = day.year - 1
    waiver = FeeWaiver.objects.filter(
        member=member, year=year, decided_on__lte=day
    ).first()
    if waiver is not None:
        return reasoned_right(day, waiver, None)
    return reasoned_right(day, None, member_invoices(member).filter(year=year).first())


def voting_rights(members, day: datetime.date) -> dict[int, VotingRight]:
    """voting_right() of each of `members`, by primary key, in three queries
    whatever their number: the waivers, the invoices with their credit notes,
    their payments. `members` is a list of MemberCity rows or a QuerySet (its
    SQL a subquery of each; iterated once, a fourth query unless evaluated)."""
    year = day.year - 1
    waivers = {
        waiver.member_id: waiver
        for waiver in FeeWaiver.objects.filter(
            member__in=members, year=year, decided_on__lte=day
        ).order_by()
    }
    invoices = {
        invoice.member_id: invoice
        for invoice in Invoice.objects.filter(member__in=members, year=year)
        .select_related("credit_note", "cell")
        .prefetch_related(Prefetch("payments", queryset=Payment.objects.all()))
        .order_by()
    }
    return {
        member.pk: reasoned_right(day, waivers.get(member.pk), invoices.get(member.pk))
        for member in members
    }


def reasoned_right(day: datetime.date, waiver, invoice) -> VotingRight:
    """The rule of voting_right() and voting_rights(), on what they read: the
    member's waiver of the year before `day`'s (decided by `day`) if any, else
    its invoice of that year if any."""
    year = day.year - 1
    if waiver is not None:
        return VotingRight(
            True,
            _("The Board waived the %(year)s fee on %(day)s.")
            % {"year": year, "day": date_format(waiver.decided_on)},
            year,
        )
    if invoice is None:
        return VotingRight(
            False, _("No fee was invoiced for %(year)s.") % {"year": year}, year
        )
    status = invoice.status_on(day)
    if status == Invoice.Status.PAID:
        return VotingRight(
            True,
            _("The %(year)s fee (invoice %(number)s) is paid in full.")
            % {"year": year, "number": invoice.number},
            year,
        )
    if status == Invoice.Status.CANCELLED:
        return VotingRight(
            False,
            _("The %(year)s invoice %(number)s was cancelled and no waiver recorded.")
            % {"year": year, "number": invoice.number},
            year,
        )
    return VotingRight(
        False,
        _("%(amount)s of the %(year)s fee (invoice %(number)s) is unpaid.")
        % {
            "amount": money(invoice.outstanding_on(day), invoice.currency),
            "year": year,
            "number": invoice.number,
        },
        year,
    )


def entitled_to_vote(member: MemberCity, day: datetime.date) -> bool:
    return voting_right(member, day).entitled


def entitled_condition(day: datetime.date) -> Q:
    """MemberCity rows entitled to vote on `day` (SQL twin of entitled_to_vote)."""
    year = day.year - 1
    waived = FeeWaiver.objects.filter(
        member=OuterRef("pk"), year=year, decided_on__lte=day
    )
    paid = Invoice.objects.filter(member=OuterRef("pk"), year=year).in_status(
        day, Invoice.Status.PAID
    )
    return Q(Exists(waived)) | Q(Exists(paid))


def with_entitlement(queryset, day: datetime.date):
    """Annotate `entitled_to_vote` on `day`."""
    return queryset.annotate(
        entitled_to_vote=models.ExpressionWrapper(
            entitled_condition(day), output_field=models.BooleanField()
        )
    )
