"""The board and the regional secretariats: periods with an inclusive end.

The foreign keys name their models by label so that this module imports no
other members model: cities.py reads the board from here."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.db import current_on, no_overlap, overlaps


class PeriodQuerySet(models.QuerySet):
    def current_on(self, day: datetime.date | None = None):
        """Rows whose period contains `day` (today in Madrid by default)."""
        return self.filter(current_on(day or timezone.localdate()))

    def past_on(self, day: datetime.date | None = None):
        day = day or timezone.localdate()
        return self.filter(end_date__lt=day)


class PeriodModel(models.Model):
    """A period with an inclusive end date; an empty end means "still running"."""

    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_("Inclusive. Empty while current."),
    )

    class Meta:
        abstract = True

    def is_current_on(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.start_date <= day and (
            self.end_date is None or day <= self.end_date
        )

    def clean_period(self) -> dict:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            return {"end_date": _("The end date cannot be before the start date.")}
        return {}

    def overlapping(self, queryset):
        """Rows of `queryset`, other than this one, whose period meets this one's."""
        return queryset.filter(overlaps(self.start_date, self.end_date)).exclude(
            pk=self.pk
        )


class BoardMandateQuerySet(PeriodQuerySet):
    def presidents(self) -> "BoardMandateQuerySet":
        return self.filter(role=BoardMandate.Role.PRESIDENT)

    def presiding(self) -> "BoardMandateQuerySet":
        """President and Acting President mandates: at most one on any day."""
        return self.filter(role__in=PRESIDING_ROLES)

    def president_on(self, day: datetime.date | None = None) -> "BoardMandate | None":
        """The President's mandate on `day`, or None. One query."""
        return self.presidents().current_on(day).select_related("member").first()


class BoardMandate(PeriodModel):
    class Role(models.TextChoices):
        PRESIDENT = "president", _("President")
        # Statutes, art. 9: a Co-President while the presidency is vacant,
        # until the next Board meeting.
        ACTING_PRESIDENT = "acting_president", _("Acting President")
        CO_PRESIDENT = "co_president", _("Co-President")
        TREASURER = "treasurer", _("Treasurer")
        VICE_PRESIDENT = "vice_president", _("Vice-President")
        BOARD_MEMBER = "board_member", _("Board member")

    member = models.ForeignKey(
        "members.MemberCity",
        on_delete=models.CASCADE,
        related_name="mandates",
        verbose_name=_("member city"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role)

    history = HistoricalRecords()
    objects = BoardMandateQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "role"]
        verbose_name = _("board mandate")
        verbose_name_plural = _("board mandates")
        indexes = [
            # The admin's list in this order (it adds "-pk" to break ties): a
            # page reads its rows from here.
            models.Index(
                fields=["-start_date", "role", "-id"],
                name="members_boardmandate_order_idx",
            ),
            # The board page's past periods, the latest first: the distinct
            # (start, end) pairs of a page read from here, then their
            # mandates, instead of every mandate grouped and sorted.
            models.Index(
                fields=["-end_date", "-start_date"],
                name="members_mandate_period_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="members_boardmandate_end_after_start",
            ),
            no_overlap(
                "members_boardmandate_one_president",
                start="start_date",
                end="end_date",
                condition=Q(role__in=["president", "acting_president"]),
            ),
        ]

    def __str__(self):
        return f"{self.member} — {self.get_role_display()} ({self.period_label})"

    def get_absolute_url(self):
        """The member's page. Uses member."""
        return self.member.get_absolute_url()

    @property
    def period_label(self) -> str:
        end = self.end_date.isoformat() if self.end_date else _("present")
        return f"{self.start_date.isoformat()} – {end}"

    def clean(self):
        errors = self.clean_period()
        if (
            not errors
            and self.role in PRESIDING_ROLES
            and self.start_date
            and (
                clash := self.overlapping(BoardMandate.objects.presiding())
                .select_related("member")
                .first()
            )
        ):
            errors["start_date"] = _(
                "%(member)s is already %(role)s from %(period)s: there is at most "
                "one President or Acting President on any day."
            ) % {
                "member": clash.member,
                "role": clash.get_role_display(),
                "period": clash.period_label,
            }
        if errors:
            raise ValidationError(errors)


PRESIDING_ROLES = (BoardMandate.Role.PRESIDENT, BoardMandate.Role.ACTING_PRESIDENT)

# The board's order: President first, board members last.
ROLE_ORDER = {role: position for position, role in enumerate(BoardMandate.Role)}


def by_role(mandates):
    """Mandates in the board's order: President first, board members last."""
    return sorted(mandates, key=lambda mandate: ROLE_ORDER[mandate.role])


class RegionalSecretariat(PeriodModel):
    region = models.ForeignKey(
        "members.Region",
        on_delete=models.PROTECT,
        related_name="secretariats",
        verbose_name=_("region"),
    )
    member = models.ForeignKey(
        "members.MemberCity",
        on_delete=models.PROTECT,
        related_name="secretariat_terms",
        verbose_name=_("member city"),
    )
    secretary = models.ForeignKey(
        "members.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="secretariats",
        verbose_name=_("regional secretary"),
    )

    history = HistoricalRecords()
    objects = PeriodQuerySet.as_manager()

    class Meta:
        ordering = ["region__name", "-start_date"]
        verbose_name = _("regional secretariat")
        verbose_name_plural = _("regional secretariats")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="members_regionalsecretariat_end_after_start",
            ),
            no_overlap(
                "members_regionalsecretariat_one_per_region",
                start="start_date",
                end="end_date",
                same=("region",),
            ),
        ]

    def __str__(self):
        return f"{self.region} — {self.member}"

    def get_absolute_url(self):
        return reverse("members:secretariats")

    def clean(self):
        errors = self.clean_period()
        if not errors and self.start_date and self.region_id:
            clash = (
                self.overlapping(
                    RegionalSecretariat.objects.filter(region=self.region_id)
                )
                .select_related("member")
                .first()
            )
            if clash:
                errors["start_date"] = _(
                    "%(member)s already runs this region's secretariat over these "
                    "dates: two secretariats of one region cannot overlap."
                ) % {"member": clash.member}
        if errors:
            raise ValidationError(errors)
