"""The Strategic Action Plans and their objectives, which alliances serve."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.content import SourceLanguageModel, history_excluded
from core.fields import TextField


class StrategicActionPlan(SourceLanguageModel):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    summary = TextField(_("summary"), blank=True)

    history = HistoricalRecords(excluded_fields=history_excluded("title", "summary"))

    class Meta:
        ordering = ["-first_year"]
        verbose_name = _("strategic action plan")
        verbose_name_plural = _("strategic action plans")
        constraints = [
            models.UniqueConstraint(
                fields=["slug"], name="alliances_strategicactionplan_slug_unique"
            ),
            models.CheckConstraint(
                condition=Q(last_year__gte=F("first_year")),
                name="alliances_strategicactionplan_last_year_after_first",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("alliances:plan-detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.first_year and self.last_year and self.last_year < self.first_year:
            raise ValidationError(
                {"last_year": _("The last year cannot be before the first year.")}
            )


class PlanObjective(SourceLanguageModel):
    plan = models.ForeignKey(
        StrategicActionPlan,
        on_delete=models.CASCADE,
        related_name="objectives",
        verbose_name=_("plan"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = TextField(_("objective"))

    history = HistoricalRecords(excluded_fields=history_excluded("text"))

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "position"],
                name="alliances_planobjective_position_unique",
            )
        ]

    def __str__(self):
        return f"{self.position}. {self.text[:60]}"
