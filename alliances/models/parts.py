"""What an alliance holds beside itself: its signatories and its extensions,
and the stored end its extensions move."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from alliances.models.alliances import Alliance
from core.db import TermEnd
from core.fields import TextField
from members.models import Person


class AllianceSignatory(models.Model):
    class Side(models.TextChoices):
        ASSOCIATION = "association", _("For the association")
        COUNTERPART = "counterpart", _("For the counterpart")

    alliance = models.ForeignKey(
        Alliance,
        on_delete=models.CASCADE,
        related_name="signatories",
        verbose_name=_("alliance"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="signatures",
        verbose_name=_("person"),
    )
    side = models.CharField(_("signed for"), max_length=20, choices=Side)

    history = HistoricalRecords()

    class Meta:
        ordering = ["alliance", "side", "person__name"]
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "person"], name="alliances_alliancesignatory_unique"
            )
        ]

    def __str__(self):
        return f"{self.person} ({self.get_side_display()})"


class AllianceExtension(models.Model):
    """A later agreement to move an alliance's end. Never overwrites the term."""

    alliance = models.ForeignKey(
        Alliance,
        on_delete=models.CASCADE,
        related_name="extensions",
        verbose_name=_("alliance"),
    )
    new_end_date = models.DateField(_("new end date"), help_text=_("Inclusive."))
    agreed_on = models.DateField(_("agreed on"))
    note = TextField(_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["alliance", "new_end_date"]
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")

    def __str__(self):
        return _("Extended to %(date)s") % {"date": self.new_end_date.isoformat()}

    def clean(self):
        if not self.alliance_id or not self.new_end_date:
            return
        alliance = self.alliance
        others = alliance.extensions.exclude(pk=self.pk).aggregate(
            end=Max("new_end_date")
        )
        end = others["end"] or alliance.agreed_end_date
        if end is None:
            raise ValidationError(
                {"new_end_date": _("Only an alliance with a term can be extended.")}
            )
        if self.new_end_date <= end:
            raise ValidationError(
                {
                    "new_end_date": _(
                        "An extension must end after the current end date, %(date)s."
                    )
                    % {"date": end.isoformat()}
                }
            )


def latest_extension_end() -> Subquery:
    """The latest extension's new end date of the alliance in the outer query."""
    return Subquery(
        AllianceExtension.objects.filter(alliance=OuterRef("pk"))
        .values("alliance")
        .annotate(latest=Max("new_end_date"))
        .values("latest")
    )


def refresh_alliance_ends(alliance_ids) -> None:
    """Set the stored end of these alliances from their term and extensions:
    one UPDATE, for the services and as the repair tool after bulk writes
    (a restore, the bulk generator)."""
    Alliance.objects.filter(pk__in=alliance_ids).update(
        ends_on=Coalesce(latest_extension_end(), TermEnd("start_date", "term_years"))
    )
