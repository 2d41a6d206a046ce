"""What a user chose to receive, and in which language."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Preference(models.Model):
    """One row per user who changed a default: without a row, a user receives
    every message, in the site's default language."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("user"),
    )
    non_statutory = models.BooleanField(
        _("receive news and alliance reminders"),
        default=True,
        help_text=_(
            "Invoices, General Assemblies and webhook notices are statutory and "
            "always sent."
        ),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        help_text=_(
            "The language of your e-mails, of the admin, and of the site once "
            "you log in."
        ),
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    class Meta:
        ordering = ["user__username"]
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return str(self.user)
