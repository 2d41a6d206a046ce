"""The log of erasures: who erased whom (by id) and when, and what was done;
never the erased data itself."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# What an erasure did, by code (stored) and in words (shown).
ACTIONS = {
    "pseudonymised": _("Name or user name replaced with a pseudonym"),
    "fields_cleared": _("Personal fields cleared"),
    "history_rows": _("History rows scrubbed"),
    "messages": _("E-mail messages: recipient address replaced"),
    "messages_cancelled": _("Unsent e-mail messages cancelled"),
    "message_texts": _("E-mail message texts scrubbed"),
    "webhook_payloads": _("Webhook payloads scrubbed"),
    "admin_log": _("Admin log entries scrubbed"),
    "deactivated": _("User account deactivated, its password and rights removed"),
    "liaison_links": _("Liaison links removed"),
    "preferences": _("E-mail preferences removed"),
    "login_records": _("Login attempts and lockouts removed"),
}


class Erasure(models.Model):
    class Subject(models.TextChoices):
        PERSON = "person", _("Person")
        USER = "user", _("User account")

    subject = models.CharField(_("erased"), max_length=10, choices=Subject)
    subject_id = models.PositiveBigIntegerField(_("id of the erased record"))
    erased_at = models.DateTimeField(_("erased at"), default=timezone.now)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="erasures_made",
        verbose_name=_("erased by"),
    )
    # {action code (ACTIONS): number of records}
    actions = models.JSONField(_("what was done"), default=dict)

    class Meta:
        ordering = ["-erased_at", "-pk"]
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")

    def __str__(self):
        return f"{self.get_subject_display()} #{self.subject_id}"

    def action_lines(self) -> list[str]:
        """What was done, in words, with the number of records."""
        return [
            f"{ACTIONS.get(code, code)}: {count}"
            for code, count in self.actions.items()
        ]
