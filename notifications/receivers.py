"""Domain events (core.events.emit) that become e-mails. Each receiver runs in
the transaction of the change, so a change that rolls back queues nothing."""

from governance.models import Meeting
from members.models import MemberCity
from notifications import recipients
from notifications.models import STATUTORY_KINDS, Kind
from notifications.outbox import queue_email


def queue_to_users(kind: str, obj, users, *, offset: int = 0, **kwargs) -> list:
    """One message of `kind` about `obj` to each of `users`; the new ones."""
    queued = (
        queue_email(
            kind,
            obj,
            to=user.email,
            user=user,
            offset=offset,
            statutory=kind in STATUTORY_KINDS,
            **kwargs,
        )
        for user in users
    )
    return [message for message in queued if message is not None]


def _latest_change(post):
    """The history row this very change wrote: a proposal may be submitted
    and returned several times, and each round is told once. (The post
    itself where no history was written.)"""
    change = post.history.order_by("-history_date", "-history_id").first()
    return change or post


def post_submitted(post, **context):
    return queue_to_users(
        Kind.POST_SUBMITTED, _latest_change(post), recipients.editors()
    )


def post_returned(post, **context):
    return queue_to_users(
        Kind.POST_RETURNED,
        _latest_change(post),
        recipients.liaisons_of([post.proposed_by_id]),
    )


def post_published(post, **context):
    # A post proposed by the secretariat itself has no city to tell.
    return queue_to_users(
        Kind.POST_PUBLISHED, post, recipients.liaisons_of([post.proposed_by_id])
    )


def invoice_issued(invoice, **context):
    return queue_to_users(
        Kind.INVOICE_ISSUED, invoice, recipients.liaisons_of([invoice.member_id])
    )


def meeting_convened(meeting, **context):
    if meeting.body != Meeting.Body.GENERAL_ASSEMBLY:
        return []
    return queue_to_users(
        Kind.MEETING_CONVENED,
        meeting,
        recipients.liaisons_of(MemberCity.objects.active()),
    )


HANDLERS = {
    "post.submitted": post_submitted,
    "post.returned": post_returned,
    "post.published": post_published,
    "invoice.issued": invoice_issued,
    "meeting.convened": meeting_convened,
}


def on_domain_event(sender, *, event: str, instance, **context):
    handler = HANDLERS.get(event)
    if handler is not None:
        handler(instance, **context)
