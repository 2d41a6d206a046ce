"""The resolutions the statutory bodies adopt, and the board mandates an
adopted board election creates."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from alliances.models import StrategicActionPlan
from core.fields import TextField
from dues.models import FeeGrid
from governance.models.meetings import AgendaItem, Meeting
from members.models import BoardMandate, MemberCity


class ResolutionQuerySet(models.QuerySet):
    def visible_to(self, viewer) -> "ResolutionQuerySet":
        """Resolutions and their counts are public facts."""
        return self


class Resolution(models.Model):
    class Kind(models.TextChoices):
        ADMISSION = "admission", _("Admission of a member")
        BOARD_ELECTION = "board_election", _("Board election")
        PLAN_ADOPTION = "plan_adoption", _("Adoption of a strategic action plan")
        ACCOUNTS = "accounts", _("Approval of accounts and fee grid")
        STATUTES = "statutes", _("Amendment of the statutes")
        OTHER = "other", _("Other")

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", _("Adopted")
        REJECTED = "rejected", _("Rejected")
        NO_QUORUM = "no_quorum", _("No quorum")

    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.CASCADE,
        related_name="resolutions",
        verbose_name=_("agenda item"),
    )
    text = TextField(_("text"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.OTHER)
    votes_for = models.PositiveIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(
        _("votes against"), null=True, blank=True
    )
    abstentions = models.PositiveIntegerField(_("abstentions"), null=True, blank=True)
    member_city = models.ForeignKey(
        MemberCity,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resolutions",
        verbose_name=_("member city"),
        help_text=_("The member city admitted."),
    )
    plan = models.ForeignKey(
        StrategicActionPlan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resolutions",
        verbose_name=_("strategic action plan"),
    )
    fee_grid = models.ForeignKey(
        FeeGrid,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resolutions",
        verbose_name=_("fee grid"),
    )
    # Derived from the roll and the votes, stored by the service that records
    # the votes (the roll is frozen once a vote is recorded): lists read it.
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome, blank=True, editable=False
    )
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    # What applying changed, so that reversing undoes exactly that.
    effect = models.JSONField(_("effect"), default=dict, blank=True, editable=False)

    history = HistoricalRecords()
    objects = ResolutionQuerySet.as_manager()

    class Meta:
        ordering = ["agenda_item__meeting", "agenda_item__position", "pk"]
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="admission", member_city__isnull=False)
                | ~Q(kind="admission"),
                name="governance_resolution_admission_names_member",
            ),
            models.CheckConstraint(
                condition=Q(kind="plan_adoption", plan__isnull=False)
                | ~Q(kind="plan_adoption"),
                name="governance_resolution_adoption_names_plan",
            ),
            models.CheckConstraint(
                condition=(
                    Q(votes_for__isnull=True)
                    & Q(votes_against__isnull=True)
                    & Q(abstentions__isnull=True)
                )
                | (
                    Q(votes_for__isnull=False)
                    & Q(votes_against__isnull=False)
                    & Q(abstentions__isnull=False)
                ),
                name="governance_resolution_votes_all_or_none",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"

    @property
    def meeting(self) -> Meeting:
        return self.agenda_item.meeting

    @property
    def has_votes(self) -> bool:
        return self.votes_for is not None

    def clean(self):
        errors = {}
        if self.kind == self.Kind.ADMISSION and not self.member_city_id:
            errors["member_city"] = _("Name the member city to admit.")
        if self.kind == self.Kind.PLAN_ADOPTION and not self.plan_id:
            errors["plan"] = _("Name the strategic action plan to adopt.")
        counts = (self.votes_for, self.votes_against, self.abstentions)
        if any(c is None for c in counts) and not all(c is None for c in counts):
            errors["votes_for"] = _(
                "Give the votes for, against and the abstentions, or none of them."
            )
        if errors:
            raise ValidationError(errors)


class ElectedMandate(models.Model):
    """A board mandate that a board election resolution creates when adopted."""

    resolution = models.ForeignKey(
        Resolution,
        on_delete=models.CASCADE,
        related_name="elected_mandates",
        verbose_name=_("resolution"),
    )
    member = models.ForeignKey(
        MemberCity,
        on_delete=models.PROTECT,
        related_name="elections",
        verbose_name=_("member city"),
    )
    role = models.CharField(_("role"), max_length=20, choices=BoardMandate.Role)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["resolution", "pk"]
        verbose_name = _("elected mandate")
        verbose_name_plural = _("elected mandates")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="governance_electedmandate_end_after_start",
            )
        ]

    def __str__(self):
        return f"{self.member} — {self.role}"

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if errors:
            raise ValidationError(errors)
