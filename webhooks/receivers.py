"""Domain events into the outbox: one delivery row per endpoint that listens,
in the transaction of the change (core.events)."""

from django.db import IntegrityError, transaction
from django.dispatch import receiver
from django.utils import timezone

from core.events import domain_event
from webhooks.delivery import enqueue_on_commit
from webhooks.events import EVENTS
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.payloads import representation


def envelope(event: str, data: dict, **extra) -> dict:
    """The body's JSON, as the Standard Webhooks specification suggests."""
    return {
        "type": event,
        "timestamp": timezone.now().isoformat(),
        **extra,
        "data": data,
    }


@receiver(domain_event, dispatch_uid="webhooks.outbox")
def write_deliveries(sender, event: str, instance, **context) -> None:
    if event not in EVENTS:
        return
    offset = context.get("offset")
    extra = {"offset": offset} if offset is not None else {}
    # The API's representation depends on the key's scope only: one per scope.
    data_of_scope: dict[str, dict | None] = {}
    for endpoint in WebhookEndpoint.objects.deliverable():
        key = endpoint.key
        if not endpoint.listens_to(event) or key.has_expired:
            continue
        if key.scope not in data_of_scope:
            data_of_scope[key.scope] = representation(instance, key)
        data = data_of_scope[key.scope]
        if data is None:
            continue  # the key may not read it
        delivery = WebhookDelivery(
            endpoint=endpoint,
            event=event,
            object_type=instance._meta.label_lower,
            object_id=str(instance.pk),
            offset=offset,
            occasion=context.get("ends_on"),
            payload=envelope(event, data, **extra),
            next_attempt_at=timezone.now(),
        )
        try:
            with transaction.atomic():
                delivery.save()
        except IntegrityError:
            continue  # this reminder went to this endpoint already
        enqueue_on_commit(delivery.pk)
