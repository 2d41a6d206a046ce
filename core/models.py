from django.db import models
from django.utils.translation import gettext_lazy as _


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
