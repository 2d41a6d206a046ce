"""The alliances: their status by day, the QuerySet that reads it, the model.
Plans are in plans.py, signatories and extensions in parts.py."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Max, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from alliances.models.plans import StrategicActionPlan
from core.content import SourceLanguageModel, history_excluded
from core.db import TermEnd, term_end, trigram_index
from core.fields import TextField
from members.models import MemberCity, Person
from members.viewers import Viewer

EXPIRING_WITHIN_DAYS = 90
MAX_TERM_YEARS = 99


def _not_terminated(day: datetime.date) -> Q:
    return Q(terminated_on__isnull=True) | Q(terminated_on__gt=day)


def _running(day: datetime.date) -> Q:
    """Signed, started by `day` and not terminated by then: in force unless
    its end has passed."""
    return _not_terminated(day) & Q(
        signed_on__isnull=False, start_date__isnull=False, start_date__lte=day
    )


def status_condition(status: str, day: datetime.date) -> Q:
    """The alliances whose status on `day` is `status`, as plain conditions on
    the columns (an index can serve them): the same answers as the `status`
    that `with_dates()` annotates, and as `Alliance.status_on()`."""
    S = Alliance.Status
    expiring_from = day + datetime.timedelta(days=EXPIRING_WITHIN_DAYS)
    match status:
        case S.TERMINATED:
            return Q(terminated_on__lte=day)
        case S.DRAFT:
            return _not_terminated(day) & (
                Q(signed_on__isnull=True) | Q(start_date__isnull=True)
            )
        case S.UPCOMING:
            return _not_terminated(day) & Q(
                signed_on__isnull=False, start_date__isnull=False, start_date__gt=day
            )
        case S.EXPIRED:
            return _running(day) & Q(ends_on__lt=day)
        case S.EXPIRING:
            return _running(day) & Q(ends_on__gte=day, ends_on__lte=expiring_from)
        case S.ACTIVE:
            return _running(day) & Q(ends_on__gt=expiring_from)
    raise ValueError(f"Unknown alliance status: {status!r}")


class AllianceQuerySet(models.QuerySet):
    def visible_to(
        self, viewer: "Viewer", day: datetime.date | None = None
    ) -> "AllianceQuerySet":
        """What `viewer` may read, with its dates on `day` (see with_dates())."""
        day = day or timezone.localdate()
        return self.with_dates(day).readable_by(viewer, day)

    def readable_by(
        self, viewer: "Viewer", day: datetime.date | None = None
    ) -> "AllianceQuerySet":
        """What `viewer` may read on `day`, without the dates: for choosing
        an alliance or naming it beside another record (a post's alliances),
        where its dates are not shown and their expressions would only cost.

        Drafts belong to the secretariat and to the granting member's liaisons.
        """
        if viewer.secretariat:
            return self
        day = day or timezone.localdate()
        # Not a draft on `day` (see status_condition()).
        shown = Q(terminated_on__lte=day) | Q(
            signed_on__isnull=False, start_date__isnull=False
        )
        if viewer.is_liaison:
            shown |= Q(granting_member_id=viewer.member_id)
        return self.filter(shown)

    def with_dates(self, day: datetime.date | None = None) -> "AllianceQuerySet":
        """Annotate `agreed_end`, `end` (extensions included) and `status` on `day`.

        `end` is the stored `ends_on`; the agreed end is calendar arithmetic
        in SQL (see core.db.TermEnd). Filter on a status with
        `with_status()`, whose conditions an index can serve, rather than on
        this annotation.
        """
        day = day or timezone.localdate()
        expiring_from = day + datetime.timedelta(days=EXPIRING_WITHIN_DAYS)
        S = Alliance.Status
        return self.annotate(
            agreed_end=TermEnd("start_date", "term_years"),
            end=F("ends_on"),
            status=Case(
                When(terminated_on__lte=day, then=Value(S.TERMINATED)),
                When(
                    Q(signed_on__isnull=True) | Q(start_date__isnull=True),
                    then=Value(S.DRAFT),
                ),
                When(start_date__gt=day, then=Value(S.UPCOMING)),
                When(ends_on__lt=day, then=Value(S.EXPIRED)),
                When(ends_on__lte=expiring_from, then=Value(S.EXPIRING)),
                default=Value(S.ACTIVE),
                output_field=models.CharField(),
            ),
        )

    def with_status(
        self, *statuses: str, day: datetime.date | None = None
    ) -> "AllianceQuerySet":
        """Those whose status on `day` (today in Madrid by default) is one of
        `statuses`."""
        day = day or timezone.localdate()
        condition = Q()
        for status in statuses:
            condition |= status_condition(status, day)
        return self.filter(condition) if statuses else self.none()

    def active_on(self, day: datetime.date | None = None) -> "AllianceQuerySet":
        """In force on `day`: active or expiring (today in Madrid by default)."""
        day = day or timezone.localdate()
        return self.filter(_running(day), ends_on__gte=day)

    def expiring_within(
        self, days: int = EXPIRING_WITHIN_DAYS, day: datetime.date | None = None
    ) -> "AllianceQuerySet":
        """In force on `day` and ending no later than `days` days after it."""
        day = day or timezone.localdate()
        return self.active_on(day).filter(
            ends_on__lte=day + datetime.timedelta(days=days)
        )


class Alliance(SourceLanguageModel):
    class Kind(models.TextChoices):
        GRANTING_MEMBER = "granting_member", _("Alliance with a granting member")
        PARTNER = "partner", _("Alliance with a partner")
        SUPPORTING_ENTITY = "supporting_entity", _("Supporting entity")

    class Instrument(models.TextChoices):
        MOU = "mou", _("Memorandum of understanding")
        COOPERATION_AGREEMENT = "cooperation_agreement", _("Cooperation agreement")
        FRAMEWORK_AGREEMENT = "framework_agreement", _("Framework agreement")
        LETTER_OF_INTENT = "letter_of_intent", _("Letter of intent")
        OTHER = "other", _("Other")

    class SigningFormat(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        VIRTUAL = "virtual", _("Virtual")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        UPCOMING = "upcoming", _("Upcoming")
        ACTIVE = "active", _("Active")
        EXPIRING = "expiring", _("Expiring")
        EXPIRED = "expired", _("Expired")
        TERMINATED = "terminated", _("Terminated")

    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=250)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    instrument = models.CharField(
        _("instrument"), max_length=30, choices=Instrument, default=Instrument.MOU
    )
    granting_member = models.ForeignKey(
        MemberCity,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="granted_alliances",
        verbose_name=_("granting member"),
    )
    counterpart = models.CharField(
        _("counterpart"),
        max_length=250,
        help_text=_("The organisation as named in the agreement."),
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signing_format = models.CharField(
        _("signing format"), max_length=20, choices=SigningFormat, blank=True
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    term_years = models.PositiveSmallIntegerField(
        _("term (years)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_TERM_YEARS)],
    )
    plan = models.ForeignKey(
        StrategicActionPlan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="alliances",
        verbose_name=_("strategic action plan"),
    )
    contact = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="alliance_contacts",
        verbose_name=_("contact person"),
    )
    summary = TextField(_("summary"), blank=True)
    objectives = TextField(_("objectives"), blank=True)
    internal_notes = TextField(
        _("internal notes"), blank=True, help_text=_("Never shown to the public.")
    )
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True)
    # Derived, stored so that "in force" and "expiring" are conditions an
    # index serves: the services that change the term or an extension set it
    # (alliances/services.py); refresh_alliance_ends() repairs bulk writes.
    ends_on = models.DateField(
        _("ends on"),
        null=True,
        editable=False,
        db_index=True,
        help_text=_(
            "The last day in force, inclusive: the latest extension's new end "
            "date, or the end of the agreed term."
        ),
    )

    # The stored end follows the term and the extensions, whose own history
    # records their changes: a column of its own in the history would only
    # show changes nobody made to the alliance.
    history = HistoricalRecords(
        excluded_fields=["ends_on", *history_excluded("title", "summary", "objectives")]
    )
    objects = AllianceQuerySet.as_manager()

    class Meta:
        # By the English title (core.content), the same order in every language.
        ordering = ["-signed_on", "title_en"]
        verbose_name = _("alliance")
        verbose_name_plural = _("alliances")
        constraints = [
            models.UniqueConstraint(
                fields=["slug"], name="alliances_alliance_slug_unique"
            ),
            models.CheckConstraint(
                condition=Q(kind="granting_member", granting_member__isnull=False)
                | (~Q(kind="granting_member") & Q(granting_member__isnull=True)),
                name="alliances_alliance_granting_member_iff_kind",
            ),
            models.CheckConstraint(
                # term_years >= 1 alone would let NULL through a CHECK.
                condition=Q(start_date__isnull=True, term_years__isnull=True)
                | Q(
                    start_date__isnull=False,
                    term_years__isnull=False,
                    term_years__gte=1,
                ),
                name="alliances_alliance_term_complete",
            ),
            models.CheckConstraint(
                condition=Q(terminated_on__isnull=True)
                | Q(start_date__isnull=True)
                | Q(terminated_on__gte=F("start_date")),
                name="alliances_alliance_terminated_after_start",
            ),
        ]
        indexes = [
            # In force or expiring on a day: a range of end dates, then the
            # start and the termination checked in the index.
            models.Index(
                fields=["ends_on", "start_date", "terminated_on"],
                condition=Q(signed_on__isnull=False, start_date__isnull=False),
                name="alliances_alliance_in_force",
            ),
            # The admin's list in this order (it adds "-pk" to break ties): a
            # page reads its rows from here.
            models.Index(
                fields=["-signed_on", "title_en", "-id"],
                name="alliances_alliance_order_idx",
            ),
            # The agreements chart (/in-figures/): the latest started first,
            # its few rows read from here instead of every alliance sorted.
            models.Index(
                fields=["-start_date", "-id"],
                condition=Q(start_date__isnull=False),
                name="alliances_alliance_started_idx",
            ),
            # The admin's search (icontains) on PostgreSQL, title and
            # counterpart, table by table: core.admin_search.
            trigram_index("title_en", name="alliances_title_en_trgm"),
            trigram_index("title_fr", name="alliances_title_fr_trgm"),
            trigram_index("title_es", name="alliances_title_es_trgm"),
            trigram_index("counterpart", name="alliances_counterpart_trgm"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("alliances:alliance-detail", kwargs={"slug": self.slug})

    @property
    def agreed_end_date(self) -> datetime.date | None:
        """The end of the agreed term, before any extension."""
        return term_end(self.start_date, self.term_years)

    @property
    def end_date(self) -> datetime.date | None:
        """Inclusive last day in force: the latest extension's, or the agreed one.

        The stored `ends_on`; before the first save, the agreed end.
        """
        if self.pk is None:
            return self.agreed_end_date
        return self.ends_on

    def latest_end(self) -> datetime.date | None:
        """What `ends_on` should hold: costs one query for the extensions once
        the alliance is saved."""
        latest = None
        if self.pk is not None:
            latest = self.extensions.aggregate(latest=Max("new_end_date"))["latest"]
        return latest or self.agreed_end_date

    def status_on(self, day: datetime.date | None = None) -> str:
        """The status on `day`, a Madrid date (today by default)."""
        day = day or timezone.localdate()
        end = self.end_date
        if self.terminated_on and self.terminated_on <= day:
            return self.Status.TERMINATED
        if self.signed_on is None or self.start_date is None:
            return self.Status.DRAFT
        if self.start_date > day:
            return self.Status.UPCOMING
        if end < day:
            return self.Status.EXPIRED
        if end <= day + datetime.timedelta(days=EXPIRING_WITHIN_DAYS):
            return self.Status.EXPIRING
        return self.Status.ACTIVE

    def get_status_display(self) -> str:
        status = getattr(self, "status", None) or self.status_on()
        return self.Status(status).label

    def days_remaining(self, day: datetime.date | None = None) -> int | None:
        """Days left in force after `day`, counting the end day; None if not running."""
        day = day or timezone.localdate()
        end = self.end_date
        if end is None or self.status_on(day) not in (
            self.Status.ACTIVE,
            self.Status.EXPIRING,
        ):
            return None
        return (end - day).days + 1

    def clean(self):
        errors = {}
        if self.kind == self.Kind.GRANTING_MEMBER and not self.granting_member_id:
            errors["granting_member"] = _(
                "An alliance with a granting member needs its granting member."
            )
        elif (
            self.kind
            and self.kind != self.Kind.GRANTING_MEMBER
            and self.granting_member_id
        ):
            errors["granting_member"] = _(
                "Only an alliance with a granting member has a granting member."
            )
        if self.term_years == 0 or (self.start_date and not self.term_years):
            errors["term_years"] = _("Give the term in years (at least one).")
        elif self.term_years and not self.start_date:
            errors["start_date"] = _("Give the start date of the term.")
        elif self.start_date and self.start_date.year + self.term_years > 9999:
            errors["term_years"] = _("The term would end after the year 9999.")
        if (
            self.terminated_on
            and self.start_date
            and self.terminated_on < self.start_date
        ):
            errors["terminated_on"] = _(
                "The termination date cannot be before the start date."
            )
        if errors:
            raise ValidationError(errors)
