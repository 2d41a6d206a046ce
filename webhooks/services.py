"""Writes on webhook endpoints, shared by the API and the admin."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

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
def endpoint_create(*, key: PartnerKey, url: str, events: list[str]) -> WebhookEndpoint:
    """A new endpoint of `key` with a new secret (in `endpoint.secret`: show it
    to the partner now, it is not shown again). ValidationError naming the
    field for a URL that is no http(s) URL or reaches a private address, or
    events that are unknown or not for this key's scope."""
    endpoint = WebhookEndpoint(key=key, url=url, events=events, secret=new_secret())
    endpoint.full_clean()
    check_target(url)
    endpoint.save()
    return endpoint


@transaction.atomic
def endpoint_update(*, endpoint: WebhookEndpoint, **changes) -> WebhookEndpoint:
    """Change the URL, the events or `is_active` (True enables it again: its
    failures are forgotten). Same errors as endpoint_create()."""
    url_changed = "url" in changes and changes["url"] != endpoint.url
    active = changes.pop("is_active", None)
    enable = active is True and not endpoint.is_active
    disable = active is False and endpoint.is_active
    for name, value in changes.items():
        setattr(endpoint, name, value)
    endpoint.full_clean()
    if url_changed or enable:
        check_target(endpoint.url)
    if enable:
        endpoint.is_active = True
        endpoint.disabled_at = None
        endpoint.disabled_reason = ""
        endpoint.consecutive_failures = 0
    if disable:
        endpoint.is_active = False
        endpoint.disabled_at = timezone.now()
    endpoint.save()
    return endpoint


def endpoint_enable(*, endpoint: WebhookEndpoint) -> WebhookEndpoint:
    return endpoint_update(endpoint=endpoint, is_active=True)


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
