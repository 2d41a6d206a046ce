from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class DataVersion(models.Model):
    """The version of one table's rows, changed by every statement that writes
    to it (core.versions). The table is the database's own bookkeeping, kept by
    triggers: not Django's to create or flush, nor a backup's to hold."""

    name = models.CharField(_("table"), max_length=63, primary_key=True)
    version = models.BigIntegerField(_("version"))

    class Meta:
        managed = False
        db_table = "core_dataversion"
        ordering = ["name"]
        verbose_name = _("data version")
        verbose_name_plural = _("data versions")

    def __str__(self):
        return f"{self.name} {self.version}"


class TranslationSourceQuerySet(models.QuerySet):
    def stale(self) -> "TranslationSourceQuerySet":
        """Translations older than their English source."""
        return self.filter(stale_since__isnull=False)


class TranslationSource(models.Model):
    """The English text a translation was made from: one row per object,
    translated field and language, written by the services that save the
    object (core.translations.record_translations) and by an editor's review.
    `stale_since` is set when the English text changes and the translation
    does not: the admin's filters ask the database for it, which cannot
    compare digests of texts on SQLite."""

    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("content type"),
    )
    object_id = models.PositiveBigIntegerField(_("object ID"))
    field = models.CharField(_("field"), max_length=63)
    language = models.CharField(_("language"), max_length=7)
    # SHA-256 of the English text the translation was written or reviewed from.
    source_digest = models.CharField(_("source digest"), max_length=64)
    recorded_at = models.DateTimeField(_("written or reviewed at"))
    stale_since = models.DateTimeField(
        _("older than the English text since"), null=True, blank=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    history = HistoricalRecords()

    objects = TranslationSourceQuerySet.as_manager()

    class Meta:
        ordering = ["content_type", "object_id", "field", "language"]
        verbose_name = _("translation source")
        verbose_name_plural = _("translation sources")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="core_translationsource_one_per_text",
            ),
        ]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} {self.field} {self.language}"
