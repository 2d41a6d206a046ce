import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework_api_key.models import AbstractAPIKey, BaseAPIKeyManager

# last_used_at is written at most this often per key, not on every request.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


class PartnerKeyManager(BaseAPIKeyManager):
    def get_usable_keys(self) -> models.QuerySet:
        # The owner's password hash is never needed here, and the key is
        # kept in the cache with its owner (partners.keys).
        return (
            super().get_usable_keys().select_related("owner").defer("owner__password")
        )


class PartnerKey(AbstractAPIKey):
    """An API key of a partner system; only its hash is stored.

    A `read` key reads what a visitor sees plus non-confidential details; a
    `write` key acts for the secretariat, and its writes are the owner's.
    """

    class Scope(models.TextChoices):
        READ = "read", _("Read")
        WRITE = "write", _("Write")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="partner_keys",
        verbose_name=_("owner"),
        help_text=_("The person answerable for this key; API writes are theirs."),
    )
    scope = models.CharField(_("scope"), max_length=10, choices=Scope)
    # The library's fields as it defines them, with names and help a person can
    # read in the admin's language (its own are English only).
    prefix = models.CharField(_("prefix"), max_length=8, unique=True, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    name = models.CharField(
        _("name"),
        max_length=50,
        blank=False,
        default=None,
        help_text=_("A name for the key, to tell it apart; 50 characters at most."),
    )
    revoked = models.BooleanField(
        _("revoked"),
        blank=True,
        default=False,
        help_text=_("A revoked key is refused from then on. This cannot be undone."),
    )
    expiry_date = models.DateTimeField(
        _("expires"),
        blank=True,
        null=True,
        help_text=_("An expired key is refused."),
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    objects = PartnerKeyManager()

    class Meta(AbstractAPIKey.Meta):
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def touch(self, now: datetime.datetime | None = None) -> None:
        """Record a use, writing at most once per LAST_USED_RESOLUTION."""
        now = now or timezone.now()
        if self.last_used_at is None or now - self.last_used_at >= LAST_USED_RESOLUTION:
            type(self).objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now
