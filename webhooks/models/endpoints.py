import base64
import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from partners.models import PartnerKey
from webhooks.events import EVENTS, events_for_scope
from webhooks.targets import TargetRefused, split

URL_MAX_LENGTH = 2000


def new_secret() -> str:
    """A signing secret as the Standard Webhooks specification writes it:
    "whsec_" and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


class WebhookEndpointQuerySet(models.QuerySet):
    def of_key(self, key: PartnerKey) -> "WebhookEndpointQuerySet":
        return self.filter(key=key)

    def active(self) -> "WebhookEndpointQuerySet":
        return self.filter(is_active=True)

    def deliverable(self) -> "WebhookEndpointQuerySet":
        """Active endpoints of keys not revoked, with the key and its owner in
        the same query. Which events each one listens to is read in Python
        (`listens_to`): a JSON list has no `contains` lookup on SQLite."""
        return (
            self.active()
            .filter(key__revoked=False)
            .select_related("key__owner")
            .order_by("pk")
        )


class WebhookEndpoint(models.Model):
    """A partner system's URL that receives the events it subscribed to,
    signed with its own secret."""

    key = models.ForeignKey(
        PartnerKey,
        on_delete=models.CASCADE,
        related_name="webhook_endpoints",
        verbose_name=_("API key"),
    )
    url = models.URLField(
        _("URL"),
        max_length=URL_MAX_LENGTH,
        help_text=_("Where the events are posted: an http or https URL."),
    )
    events = models.JSONField(
        _("events"), default=list, help_text=_("The event names it receives.")
    )
    secret = models.CharField(_("signing secret"), max_length=100, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    disabled_at = models.DateTimeField(_("disabled at"), null=True, blank=True)
    disabled_reason = models.CharField(_("why disabled"), max_length=500, blank=True)
    consecutive_failures = models.PositiveIntegerField(
        _("failures in a row"), default=0
    )
    times_disabled = models.PositiveSmallIntegerField(
        _("times disabled"), default=0, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = WebhookEndpointQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self):
        return self.url

    def clean(self):
        errors = {}
        if self.url:
            try:
                split(self.url)
            except TargetRefused as exc:
                errors["url"] = str(exc)
        problem = events_problem(self.events, self.key.scope if self.key_id else None)
        if problem:
            errors["events"] = problem
        if errors:
            raise ValidationError(errors)

    def listens_to(self, event: str) -> bool:
        return event in self.events


def events_problem(events, scope: str | None) -> str | None:
    """Why `events` is no list of event names a key of `scope` may subscribe
    to; None when it is one."""
    if not isinstance(events, list) or not events:
        return _("Give a list of one or more event names.")
    if not all(isinstance(name, str) for name in events):
        return _("Give a list of one or more event names.")
    unknown = [name for name in events if name not in EVENTS]
    if unknown:
        return _("Unknown event %(name)s; the events are: %(known)s.") % {
            "name": unknown[0][:100],
            "known": ", ".join(EVENTS),
        }
    if len(set(events)) != len(events):
        return _("An event is named twice.")
    if scope is not None:
        allowed = events_for_scope(scope)
        refused = [name for name in events if name not in allowed]
        if refused:
            return _("%(name)s is sent to write keys only.") % {"name": refused[0]}
    return None
