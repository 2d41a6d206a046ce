"""Writes on webhook endpoints, shared by the API and the admin."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partners.models import PartnerKey
from webhooks.delivery import enqueue_on_commit
from webhooks.events import TEST
from webhooks.models import WebhookDelivery, WebhookEndpoint, new_secret
from webhooks.receivers import envelope
from webhooks.targets import TargetRefused, resolve


def check_target(url: str) -> None:
    """ValidationError on `url` unless it may be called now (webhooks.targets);
    the same check runs again before each delivery."""
    try:
        resolve(url)
    except TargetRefused as exc:
        raise ValidationError({"url": str(exc)}) from None


@transaction.atomic
def endpoint_save(*, endpoint: WebhookEndpoint) -> WebhookEndpoint:
    """Write `endpoint`, new or with a changed URL or events. A new one gets
    its secret (in `endpoint.secret`: show it now, it is not shown again).
    ValidationError naming the field for a URL that is no http(s) URL or
    reaches a private address, or events that are unknown or not for the
    key's scope."""
    adding = endpoint._state.adding
    if adding:
        endpoint.secret = new_secret()
    endpoint.full_clean()
    stored = (
        None
        if adding
        else WebhookEndpoint.objects.filter(pk=endpoint.pk)
        .values_list("url", flat=True)
        .first()
    )
    if endpoint.url != stored:
        check_target(endpoint.url)
    endpoint.save()
    return endpoint


def endpoint_create(*, key: PartnerKey, url: str, events: list[str]) -> WebhookEndpoint:
    return endpoint_save(endpoint=WebhookEndpoint(key=key, url=url, events=events))


@transaction.atomic
def endpoint_set_active(*, endpoint: WebhookEndpoint, active: bool) -> WebhookEndpoint:
    """Enable an endpoint again (its URL checked again, its failures forgotten)
    or pause it; nothing is queued for it while it is not active."""
    if active == endpoint.is_active:
        return endpoint
    if active:
        check_target(endpoint.url)
        endpoint.disabled_at = None
        endpoint.disabled_reason = ""
        endpoint.consecutive_failures = 0
    else:
        endpoint.disabled_at = timezone.now()
        endpoint.disabled_reason = _("Paused by its key.")
    endpoint.is_active = active
    endpoint.save()
    return endpoint


@transaction.atomic
def endpoint_send_test(*, endpoint: WebhookEndpoint) -> WebhookDelivery:
    """Queue a "webhook.test" event to `endpoint`, whatever it subscribed to."""
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event=TEST,
        payload=envelope(
            TEST,
            {"endpoint_id": endpoint.pk, "url": endpoint.url},
        ),
        next_attempt_at=timezone.now(),
    )
    enqueue_on_commit(delivery.pk)
    return delivery


@transaction.atomic
def deliveries_send_again(queryset) -> list[int]:
    """Queue failed deliveries of active endpoints again, with a fresh round of
    attempts (same message id: a receiver that got it drops it). Returns
    their ids."""
    ids = list(
        queryset.filter(
            status=WebhookDelivery.Status.FAILED, endpoint__is_active=True
        ).values_list("pk", flat=True)
    )
    WebhookDelivery.objects.filter(pk__in=ids).update(
        status=WebhookDelivery.Status.PENDING,
        attempts=0,
        next_attempt_at=timezone.now(),
        updated_at=timezone.now(),
    )
    for delivery_id in ids:
        enqueue_on_commit(delivery_id)
    return ids
