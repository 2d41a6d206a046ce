"""Delivering one message: claim it, render it in its language, send it, and
record the outcome. The claim is a conditional UPDATE, so that two workers (or
a task enqueued twice by the sweep) never send one message twice."""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation

from notifications.models import Message
from notifications.outbox import MAX_ATTEMPTS, QUEUED_LEASE, SENDING_LEASE, enqueue

logger = logging.getLogger(__name__)


def backoff(attempts: int) -> datetime.timedelta:
    """The wait before attempt `attempts` + 1: 1, 5, 25 minutes."""
    return datetime.timedelta(minutes=5 ** (attempts - 1))


def claim(message_id: int, now: datetime.datetime) -> bool:
    """Take the message for this worker; False when another one has it, or
    it is done."""
    return bool(
        Message.objects.claimable(now)
        .filter(pk=message_id)
        .update(
            status=Message.Status.SENDING,
            attempts=F("attempts") + 1,
            leased_until=now + SENDING_LEASE,
            updated_at=now,
        )
    )


class MissingObject(Exception):
    """The object the message is about was deleted before it was sent."""


def render(message: Message) -> EmailMultiAlternatives:
    """The e-mail of `message`: subject, plain text and HTML, in its language."""
    obj = message.content_object
    if obj is None:
        raise MissingObject(f"{message.object_label} no longer exists.")
    context = {
        **message.context,
        "message": message,
        "object": obj,
        "site_url": settings.SITE_URL,
    }
    base = f"notifications/email/{message.kind}"
    with translation.override(message.language):
        subject = render_to_string(f"{base}.subject.txt", context)
        text = render_to_string(f"{base}.txt", context)
        html = render_to_string(f"{base}.html", context)
    email = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        to=[message.recipient_email],
    )
    email.attach_alternative(html, "text/html")
    return email


def _can_defer() -> bool:
    from notifications.tasks import deliver_message

    return deliver_message.get_backend().supports_defer


def deliver(message_id: int) -> str:
    now = timezone.now()
    if not claim(message_id, now):
        return "skipped"
    message = Message.objects.select_related("content_type").get(pk=message_id)
    try:
        render(message).send()
    except Exception as exc:
        return _failed(message, exc)
    Message.objects.filter(pk=message_id).update(
        status=Message.Status.SENT,
        sent_at=timezone.now(),
        leased_until=None,
        last_error="",
        updated_at=timezone.now(),
    )
    return "sent"


def _failed(message: Message, exc: Exception) -> str:
    """Retry later with a growing wait, up to MAX_ATTEMPTS; then failed."""
    logger.warning(
        "E-mail %s failed (attempt %s): %s", message.pk, message.attempts, exc
    )
    error = f"{type(exc).__name__}: {exc}"[:2000]
    now = timezone.now()
    retry = message.attempts < MAX_ATTEMPTS and not isinstance(exc, MissingObject)
    if not retry:
        Message.objects.filter(pk=message.pk).update(
            status=Message.Status.FAILED,
            leased_until=None,
            last_error=error,
            updated_at=now,
        )
        return "failed"
    run_after = now + backoff(message.attempts)
    # Queued again; the lease runs past the retry time so the sweep leaves the
    # scheduled retry alone. A backend that cannot defer leaves it to the sweep.
    Message.objects.filter(pk=message.pk).update(
        status=Message.Status.QUEUED,
        leased_until=run_after + QUEUED_LEASE,
        last_error=error,
        updated_at=now,
    )
    if _can_defer():
        enqueue(message.pk, run_after=run_after)
    return "retry"
