"""The public way in: queue an e-mail in the caller's transaction.

    from notifications.outbox import queue_email
    queue_email("webhook_endpoint_disabled", endpoint, to=owner.email,
                user=owner, context={"url": ..., "key_name": ..., "reason": ...})

The row is written in the current transaction (a change that rolls back queues
nothing) and its delivery task is enqueued once that transaction commits. The
unique key (kind, object, recipient, offset) makes queueing idempotent.
"""

import datetime
import logging
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from notifications.models import Kind, Message, Preference

logger = logging.getLogger(__name__)

# How long a queued message may wait for its task before the sweep queues it
# again, and how long a worker holds a message it is sending.
QUEUED_LEASE = datetime.timedelta(minutes=15)
SENDING_LEASE = datetime.timedelta(minutes=10)
# Attempts at sending one message before it is failed.
MAX_ATTEMPTS = 4


def preference_for(user) -> Preference:
    """The user's saved preference, or the defaults (nothing written)."""
    if user is None:
        return Preference()
    try:
        return Preference.objects.get(user=user)
    except Preference.DoesNotExist:
        return Preference(user=user)


def queue_email(
    kind: str,
    obj,
    *,
    to: str,
    user=None,
    language: str | None = None,
    offset: int = 0,
    statutory: bool = True,
    context: dict | None = None,
    for_day: datetime.date | None = None,
) -> Message | None:
    """Queue one e-mail of `kind` about `obj` to the address `to`.

    Returns the new Message, or None when it was already queued (same kind,
    object, address and offset), when `user` opted out of non-statutory
    messages and `statutory` is false, or when `to` is no e-mail address.
    `context` (JSON) is given to the templates beside the object. The language
    is `language`, else the user's preference, else the site's default.
    Raises ValueError for an unknown kind.
    """
    if kind not in Kind.values:
        raise ValueError(f"Unknown e-mail kind: {kind!r}")
    address = (to or "").strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        logger.warning("No e-mail %s about %r: bad address %r", kind, obj, to)
        return None
    preference = preference_for(user)
    if not statutory and not preference.non_statutory:
        return None
    if language not in dict(settings.LANGUAGES):
        language = preference.language
    message, created = Message.objects.get_or_create(
        kind=kind,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        recipient_email=address,
        offset=offset,
        defaults={
            "recipient_user": user,
            "object_label": str(obj)[:200],
            "for_day": for_day,
            "language": language,
            "context": context or {},
            "leased_until": timezone.now() + QUEUED_LEASE,
        },
    )
    if not created:
        return None
    enqueue_on_commit(message.pk)
    return message


def enqueue_on_commit(message_id: int) -> None:
    """Enqueue the delivery once the current transaction commits. A failed
    enqueue does not undo the change: the message stays queued and the sweep
    enqueues it again."""
    transaction.on_commit(partial(enqueue, message_id), robust=True)


def enqueue(message_id: int, run_after: datetime.datetime | None = None) -> None:
    from notifications.tasks import deliver_message

    task = deliver_message
    if run_after is not None:
        task = task.using(run_after=run_after)
    task.enqueue(message_id)


def requeue_stalled(now: datetime.datetime | None = None) -> int:
    """The sweep: queue again every message whose delivery stopped (its task
    lost, its worker dead mid-send), once its lease ran out. Returns how many.

    Run it every few minutes (`send_reminders --requeue`) and it runs with
    the daily reminders. A message is still sent once: the worker's claim is
    a conditional update that only one worker wins.
    """
    now = now or timezone.now()
    # A message whose worker ended on its last attempt (one that crashes the
    # worker, say) is failed rather than tried for ever.
    Message.objects.stalled(now).filter(attempts__gte=MAX_ATTEMPTS).update(
        status=Message.Status.FAILED,
        leased_until=None,
        last_error=f"The worker stopped while sending, {MAX_ATTEMPTS} times.",
        updated_at=now,
    )
    count = 0
    for message_id in Message.objects.stalled(now).values_list("pk", flat=True):
        # Reset the queued lease only while the row is still stalled, so a
        # worker that just claimed it keeps its own lease.
        moved = (
            Message.objects.stalled(now)
            .filter(pk=message_id)
            .update(
                status=Message.Status.QUEUED,
                leased_until=now + QUEUED_LEASE,
                updated_at=now,
            )
        )
        if moved:
            enqueue_on_commit(message_id)
            count += 1
    return count


@transaction.atomic
def send_again(messages) -> int:
    """Queue failed `messages` again (the admin's action): status queued, a
    fresh count of attempts, delivery enqueued. Others are left as they are."""
    now = timezone.now()
    ids = list(
        messages.filter(status=Message.Status.FAILED).values_list("pk", flat=True)
    )
    Message.objects.filter(pk__in=ids).update(
        status=Message.Status.QUEUED,
        attempts=0,
        leased_until=now + QUEUED_LEASE,
        updated_at=now,
    )
    for message_id in ids:
        enqueue_on_commit(message_id)
    return len(ids)
