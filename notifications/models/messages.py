"""Every e-mail that leaves the app is a Message: queued in the transaction of
the change it is about, sent once by the worker, kept as the log."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What a message says; its templates are
    notifications/email/<kind>.{subject.txt,txt,html}."""

    POST_SUBMITTED = "post_submitted", _("News proposal submitted")
    POST_RETURNED = "post_returned", _("News proposal returned")
    POST_PUBLISHED = "post_published", _("News post published")
    ALLIANCE_EXPIRING = "alliance_expiring", _("Alliance ending")
    INVOICE_ISSUED = "invoice_issued", _("Invoice issued")
    INVOICE_DUE = "invoice_due", _("Invoice due soon")
    INVOICE_OVERDUE = "invoice_overdue", _("Invoice overdue")
    MEETING_CONVENED = "meeting_convened", _("General Assembly convened")
    MEETING_SOON = "meeting_soon", _("General Assembly soon")
    WEBHOOK_ENDPOINT_DISABLED = (
        "webhook_endpoint_disabled",
        _("Webhook endpoint disabled"),
    )


# Statutory messages reach every recipient; the others only those who did not
# opt out (Preference.non_statutory).
STATUTORY_KINDS = frozenset(
    {
        Kind.INVOICE_ISSUED,
        Kind.INVOICE_DUE,
        Kind.INVOICE_OVERDUE,
        Kind.MEETING_CONVENED,
        Kind.MEETING_SOON,
        Kind.WEBHOOK_ENDPOINT_DISABLED,
    }
)


class MessageQuerySet(models.QuerySet):
    def stalled(self, now: datetime.datetime | None = None) -> "MessageQuerySet":
        """Messages whose delivery no longer runs: queued or sending with their
        lease run out (a lost task, a worker that died mid-send)."""
        now = now or timezone.now()
        return self.filter(
            status__in=[Message.Status.QUEUED, Message.Status.SENDING],
            leased_until__lt=now,
        )

    def claimable(self, now: datetime.datetime) -> "MessageQuerySet":
        """What a worker may take: queued, or sending with an expired lease."""
        return self.filter(
            Q(status=Message.Status.QUEUED)
            | Q(status=Message.Status.SENDING, leased_until__lt=now)
        )


class Message(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=40, choices=Kind)
    recipient_email = models.EmailField(_("recipient"))
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notification_messages",
        verbose_name=_("recipient user"),
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("object type")
    )
    # Text: some objects have text keys (a partner key's id).
    object_id = models.CharField(_("object id"), max_length=200)
    content_object = GenericForeignKey("content_type", "object_id")
    object_label = models.CharField(_("about"), max_length=200)
    offset = models.SmallIntegerField(
        _("offset (days)"),
        default=0,
        help_text=_("Days before (positive) or after (negative) the date it is for."),
    )
    for_day = models.DateField(_("for the day"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    context = models.JSONField(_("context"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    leased_until = models.DateTimeField(
        _("leased until"),
        null=True,
        blank=True,
        help_text=_("After this time a queued or sending message is queued again."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("e-mail message")
        verbose_name_plural = _("e-mail messages")
        constraints = [
            # One message per kind, object, recipient and offset: a reminder
            # job run twice, or a day late, queues nothing new.
            models.UniqueConstraint(
                fields=[
                    "kind",
                    "content_type",
                    "object_id",
                    "recipient_email",
                    "offset",
                ],
                name="notifications_message_once",
            ),
        ]
        indexes = [
            # The sweep: unfinished messages whose lease ran out.
            models.Index(
                fields=["leased_until"],
                condition=Q(status__in=["queued", "sending"]),
                name="notifications_msg_unfinished",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient_email}"

    @property
    def statutory(self) -> bool:
        return self.kind in STATUTORY_KINDS
