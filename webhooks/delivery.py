"""Delivering the outbox: a worker's task per delivery, signed as the Standard
Webhooks specification says, retried with growing delays over about a day.

Each attempt claims its row with one conditional UPDATE (pending and due, or
claimed by a worker whose lease ran out): of two workers given the same row,
one wins and the other does nothing, so a message is sent once even when its
task was queued twice (by the sweep, by a retry). A worker that dies mid-send
leaves a lease that runs out; `sweep()` queues such rows again.
"""

import datetime
import http.client
import json
import logging
from functools import partial

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from standardwebhooks import Webhook

from notifications.outbox import queue_email
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.targets import TargetRefused, resolve
from webhooks.transport import TIMEOUT, post

logger = logging.getLogger(__name__)

# The wait before each retry: eight attempts over about 27 hours.
RETRY_DELAYS = [
    datetime.timedelta(seconds=5),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
    datetime.timedelta(hours=5),
    datetime.timedelta(hours=10),
    datetime.timedelta(hours=10),
]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# How long a worker holds a row it is sending: well past the send's timeouts.
LEASE = datetime.timedelta(seconds=TIMEOUT * 30)
# How long a due row may wait for its task before the sweep queues it again.
GRACE = datetime.timedelta(minutes=5)
USER_AGENT = "Metropolis-Webhooks/1"
Status = WebhookDelivery.Status


@task()
def deliver(delivery_id: int) -> str:
    """The worker's task: one attempt at one delivery, if it is due."""
    return attempt(delivery_id)


def enqueue(delivery_id: int, run_after: datetime.datetime | None = None) -> None:
    job = deliver if run_after is None else deliver.using(run_after=run_after)
    job.enqueue(delivery_id)


def enqueue_on_commit(delivery_id: int, run_after=None) -> None:
    """Queue the delivery once the transaction commits. A failed enqueue undoes
    nothing: the row stays pending and the sweep queues it again."""
    transaction.on_commit(partial(enqueue, delivery_id, run_after), robust=True)


def claim(delivery_id: int, now: datetime.datetime) -> WebhookDelivery | None:
    """The row, claimed for this worker (one attempt counted); None if it is
    not due or another worker holds it."""
    won = (
        WebhookDelivery.objects.filter(pk=delivery_id)
        .due(now)
        .update(
            status=Status.DELIVERING,
            lease_until=now + LEASE,
            attempts=F("attempts") + 1,
            updated_at=now,
        )
    )
    if not won:
        return None
    return WebhookDelivery.objects.select_related("endpoint__key__owner").get(
        pk=delivery_id
    )


def signed_request(delivery: WebhookDelivery, secret: str) -> tuple[bytes, dict]:
    """The body and the headers of the Standard Webhooks specification."""
    body = json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":"))
    sent_at = datetime.datetime.now(datetime.UTC)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "webhook-id": delivery.msg_id,
        "webhook-timestamp": str(int(sent_at.timestamp())),
        "webhook-signature": Webhook(secret).sign(delivery.msg_id, sent_at, body),
    }
    return body.encode(), headers


def attempt(delivery_id: int) -> str:
    """Send one due delivery once; record the answer. Returns what happened."""
    now = timezone.now()
    delivery = claim(delivery_id, now)
    if delivery is None:
        return "not due"
    endpoint = delivery.endpoint
    if not endpoint.is_active:
        _finish(delivery, Status.FAILED, error=_("The endpoint is disabled."))
        return Status.FAILED
    status = body = elapsed = None
    error = ""
    try:
        target = resolve(endpoint.url)
        data, headers = signed_request(delivery, endpoint.secret)
        answer = post(target, data, headers)
        status, body, elapsed = answer.status, answer.body, answer.elapsed_ms
    except TargetRefused as exc:
        error = str(exc)
    except (OSError, http.client.HTTPException) as exc:
        error = f"{type(exc).__name__}: {exc}"
    if status is not None and 200 <= status < 300:
        return record_success(delivery, status=status, body=body, elapsed=elapsed)
    if status is not None:
        error = _("The receiver answered %(status)s.") % {"status": status}
    return record_failure(
        delivery, status=status, body=body, elapsed=elapsed, error=error
    )


def _finish(delivery: WebhookDelivery, status: str, **fields) -> None:
    error = fields.pop("error", "")
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=status,
        lease_until=None,
        last_error=error,
        updated_at=timezone.now(),
        **fields,
    )


def _answer(status, body, elapsed) -> dict:
    return {
        "response_status": status,
        "response_ms": elapsed,
        "response_body": (body or b"").decode("utf-8", "replace").replace("\x00", ""),
    }


@transaction.atomic
def record_success(delivery, *, status, body, elapsed) -> str:
    now = timezone.now()
    _finish(
        delivery,
        Status.DELIVERED,
        delivered_at=now,
        next_attempt_at=None,
        **_answer(status, body, elapsed),
    )
    WebhookEndpoint.objects.filter(pk=delivery.endpoint_id).update(
        consecutive_failures=0
    )
    return Status.DELIVERED


@transaction.atomic
def record_failure(delivery, *, status, body, elapsed, error) -> str:
    """Schedule the next attempt, or give up after MAX_ATTEMPTS; the endpoint
    is disabled when a delivery gave up with no success meanwhile."""
    now = timezone.now()
    # The endpoint's row locked: two failures at once each count.
    endpoint = (
        WebhookEndpoint.objects.select_for_update(of=("self",))
        .select_related("key__owner")
        .get(pk=delivery.endpoint_id)
    )
    endpoint.consecutive_failures += 1
    endpoint.save(update_fields=["consecutive_failures", "updated_at"])
    answer = _answer(status, body, elapsed)
    if delivery.attempts < MAX_ATTEMPTS:
        retry_at = now + RETRY_DELAYS[delivery.attempts - 1]
        _finish(
            delivery, Status.PENDING, error=error, next_attempt_at=retry_at, **answer
        )
        enqueue_on_commit(delivery.pk, run_after=retry_at)
        return Status.PENDING
    _finish(delivery, Status.FAILED, error=error, next_attempt_at=None, **answer)
    if endpoint.is_active and endpoint.consecutive_failures >= MAX_ATTEMPTS:
        disable(
            endpoint=endpoint,
            reason=_("%(count)s deliveries in a row failed; the last one: %(error)s")
            % {"count": endpoint.consecutive_failures, "error": error[:300]},
        )
    return Status.FAILED


def disable(*, endpoint: WebhookEndpoint, reason: str) -> None:
    """Stop sending to `endpoint`: its pending deliveries fail, and its key's
    owner is told by e-mail (a statutory notice)."""
    now = timezone.now()
    endpoint.is_active = False
    endpoint.disabled_at = now
    endpoint.disabled_reason = reason[:500]
    endpoint.times_disabled += 1
    endpoint.save()
    endpoint.deliveries.filter(status=Status.PENDING).update(
        status=Status.FAILED,
        next_attempt_at=None,
        last_error=_("The endpoint was disabled."),
        updated_at=now,
    )
    owner = endpoint.key.owner
    queue_email(
        "webhook_endpoint_disabled",
        endpoint,
        to=owner.email,
        user=owner,
        statutory=True,
        # One e-mail each time it is disabled, not once for ever.
        offset=endpoint.times_disabled,
        context={"url": endpoint.url, "key_name": endpoint.key.name, "reason": reason},
    )


def sweep(now: datetime.datetime | None = None) -> int:
    """Queue again every delivery whose task was lost: due for more than GRACE,
    or claimed by a worker whose lease ran out. Returns how many. Run by
    `manage.py deliver_webhooks` and with the daily reminders; a row queued
    twice is still sent once (see claim())."""
    now = now or timezone.now()
    ids = list(
        WebhookDelivery.objects.due(now - GRACE)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for delivery_id in ids:
        enqueue(delivery_id)
    return len(ids)
