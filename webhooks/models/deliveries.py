import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from webhooks.models.endpoints import WebhookEndpoint


def new_message_id() -> str:
    """The webhook-id header: unique per message, the same on every retry,
    so that a receiver can drop a message it already handled."""
    return f"msg_{uuid.uuid4().hex}"


class WebhookDeliveryQuerySet(models.QuerySet):
    def of_endpoint(self, endpoint: WebhookEndpoint) -> "WebhookDeliveryQuerySet":
        return self.filter(endpoint=endpoint)

    def due(self, now) -> "WebhookDeliveryQuerySet":
        """Pending deliveries whose attempt is due, and claimed ones whose
        worker's lease ran out (it died or hung): the sweep's work."""
        return self.filter(
            Q(status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now)
            | Q(status=WebhookDelivery.Status.DELIVERING, lease_until__lt=now)
        )


class WebhookDelivery(models.Model):
    """One event for one endpoint (the outbox row), written in the transaction
    of the change, and the log of its delivery."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERING = "delivering", _("Delivering")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("endpoint"),
    )
    event = models.CharField(_("event"), max_length=50)
    msg_id = models.CharField(
        _("message id"), max_length=50, unique=True, default=new_message_id
    )
    # What the event is about ("members.membercity", "42"), and the day's
    # offset of a reminder event (alliance.expiring: 90, 30, 7).
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=100, blank=True)
    offset = models.IntegerField(_("offset"), null=True, blank=True)
    # The day a reminder counts to (an alliance's end): an alliance extended
    # after its 30-day reminder gets one again for its new end.
    occasion = models.DateField(_("occasion"), null=True, blank=True)
    payload = models.JSONField(_("payload"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    lease_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    response_status = models.PositiveIntegerField(
        _("response status"), null=True, blank=True
    )
    response_ms = models.PositiveIntegerField(
        _("response time (ms)"), null=True, blank=True
    )
    response_body = models.TextField(_("response body"), blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    objects = WebhookDeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            # A reminder event (one with an offset) goes once per endpoint,
            # object, offset and occasion, however often the daily job runs.
            models.UniqueConstraint(
                fields=[
                    "endpoint",
                    "event",
                    "object_type",
                    "object_id",
                    "offset",
                    "occasion",
                ],
                condition=Q(offset__isnull=False),
                name="webhooks_webhookdelivery_once_per_offset",
            ),
        ]
        indexes = [
            # The sweep: due pending rows and expired leases.
            models.Index(
                fields=["status", "next_attempt_at"],
                name="webhooks_delivery_due_idx",
            ),
            # An endpoint's log, newest first (API and admin).
            models.Index(
                fields=["endpoint", "-created_at"],
                name="webhooks_delivery_log_idx",
            ),
        ]

    def __str__(self):
        return f"{self.event} → {self.endpoint}"
