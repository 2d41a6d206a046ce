"""The daily reminders: what is due on a day, queued once.

Each reminder has a trigger day (an alliance's end less 90, 30 or 7 days, an
invoice's due date less 30 days or plus 30, a General Assembly's day less 3).
A run queues every reminder whose trigger day has come and whose object still
needs it (the alliance has not ended, the invoice is unpaid, the meeting is
ahead), so a day the job missed is caught up, not skipped; the unique key of
Message makes a second run queue nothing.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from alliances.models import Alliance, AllianceExtension
from core.events import emit
from dues.models import Invoice
from governance.models import Meeting
from members.models import MemberCity
from notifications import recipients
from notifications.models import Kind, Message
from notifications.outbox import queue_email
from notifications.receivers import queue_to_users

ALLIANCE_DAYS = (90, 30, 7)
INVOICE_DUE_DAYS = 30
INVOICE_OVERDUE_DAYS = 30
MEETING_DAYS = 3


@dataclass
class Report:
    day: datetime.date
    queued: list[Message] = field(default_factory=list)


def alliance_offset(days_left: int) -> int | None:
    """The reminder due when the alliance ends in `days_left` days: the
    nearest of 90, 30 and 7 days that has come (a reminder overtaken by a
    nearer one is not sent late)."""
    due = [days for days in ALLIANCE_DAYS if days_left <= days]
    return min(due) if due else None


def _alliance_subject(alliance: Alliance):
    """What the reminders are about: the extension that set the alliance's
    end, or the alliance itself, so that an extended alliance gets its
    reminders again before its new end."""
    extension = (
        AllianceExtension.objects.filter(
            alliance=alliance, new_end_date=alliance.ends_on
        )
        .order_by("-pk")
        .first()
    )
    return extension or alliance


def alliance_reminders(day: datetime.date) -> list[Message]:
    queued = []
    alliances = (
        Alliance.objects.expiring_within(max(ALLIANCE_DAYS), day=day)
        .select_related("contact")
        .order_by("ends_on", "pk")
    )
    for alliance in alliances:
        offset = alliance_offset((alliance.ends_on - day).days)
        subject = _alliance_subject(alliance)
        common = {"offset": offset, "for_day": alliance.ends_on}
        contact = alliance.contact
        if contact is not None and contact.email:
            message = queue_email(
                Kind.ALLIANCE_EXPIRING,
                subject,
                to=contact.email,
                statutory=False,
                **common,
            )
            queued += [message] if message else []
        if alliance.granting_member_id:
            queued += queue_to_users(
                Kind.ALLIANCE_EXPIRING,
                subject,
                recipients.liaisons_of([alliance.granting_member_id]),
                **common,
            )
        # Partner systems hear of it too; their outbox keeps one per offset.
        emit("alliance.expiring", alliance, offset=offset, ends_on=alliance.ends_on)
    return queued


def invoice_reminders(day: datetime.date) -> list[Message]:
    S = Invoice.Status
    queued = []
    due_soon = Invoice.objects.in_status(day, S.ISSUED, S.PARTLY_PAID).filter(
        due_on__gte=day, due_on__lte=day + datetime.timedelta(days=INVOICE_DUE_DAYS)
    )
    for invoice in due_soon.order_by("due_on", "pk"):
        # An invoice issued less than 30 days before it is due: its issue
        # e-mail already gave the due date.
        if invoice.issued_on >= invoice.due_on - datetime.timedelta(INVOICE_DUE_DAYS):
            continue
        queued += queue_to_users(
            Kind.INVOICE_DUE,
            invoice,
            recipients.liaisons_of([invoice.member_id]),
            offset=INVOICE_DUE_DAYS,
            for_day=invoice.due_on,
        )
    overdue = Invoice.objects.in_status(day, S.OVERDUE).filter(
        due_on__lte=day - datetime.timedelta(days=INVOICE_OVERDUE_DAYS)
    )
    for invoice in overdue.order_by("due_on", "pk"):
        queued += queue_to_users(
            Kind.INVOICE_OVERDUE,
            invoice,
            recipients.liaisons_of([invoice.member_id]),
            offset=-INVOICE_OVERDUE_DAYS,
            for_day=invoice.due_on,
        )
    return queued


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def meeting_reminders(day: datetime.date) -> list[Message]:
    meetings = Meeting.objects.filter(
        body=Meeting.Body.GENERAL_ASSEMBLY,
        status=Meeting.Status.CONVENED,
        starts_at__gte=_start_of(day),
        starts_at__lt=_start_of(day + datetime.timedelta(days=MEETING_DAYS + 1)),
    ).order_by("starts_at", "pk")
    queued = []
    for meeting in meetings:
        queued += queue_to_users(
            Kind.MEETING_SOON,
            meeting,
            recipients.liaisons_of(MemberCity.objects.active()),
            offset=MEETING_DAYS,
            for_day=timezone.localdate(meeting.starts_at),
        )
    return queued


def queue_reminders(*, day: datetime.date | None = None) -> Report:
    """Queue every reminder due on `day` (today in Madrid) or earlier and
    still relevant; each is queued once, however often this runs."""
    report = Report(day=day or timezone.localdate())
    for find in (alliance_reminders, invoice_reminders, meeting_reminders):
        report.queued += find(report.day)
    return report
