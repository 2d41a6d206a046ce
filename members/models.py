import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import ExtractYear, Now
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from core.db import (
    GroupConcat,
    PostgresCheckConstraint,
    PostgresGinIndex,
    current_on,
    no_overlap,
    overlaps,
    search_vector,
    word_search,
)
from core.fields import TextField, WebAddressField

if TYPE_CHECKING:
    from members.viewers import Viewer

FOUNDING_YEAR = 1985
# The first year a population or a product may have been counted in.
FIRST_COUNT_YEAR = 1900
MEGACITY_POPULATION = 10_000_000
# The profile fields a city's liaison may change (site portal and API alike).
LIAISON_EDITABLE_FIELDS = (
    "website",
    "summary",
    "description",
    "population",
    "population_year",
    "grp_amount",
    "grp_currency",
    "grp_year",
)
# What `?search=` looks in, on the site and in the API.
SEARCH_FIELDS = ("name", "summary")


def this_year() -> int:
    return timezone.localdate().year


def validate_count_year(year: int) -> None:
    """A year something was counted in: from 1900 to this year. The same
    message from the admin, the API, the portal and an import."""
    last = this_year()
    if year is not None and not FIRST_COUNT_YEAR <= year <= last:
        raise ValidationError(
            _("Give a year from %(first)s to %(last)s."),
            code="year_out_of_range",
            params={"first": FIRST_COUNT_YEAR, "last": last},
        )


class Region(models.Model):
    code = models.CharField(_("code"), max_length=8)
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.UniqueConstraint(fields=["code"], name="members_region_code_unique"),
            models.UniqueConstraint(fields=["slug"], name="members_region_slug_unique"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:member-list") + f"?region={self.slug}"


class MemberCityQuerySet(models.QuerySet):
    def visible_to(self, viewer: "Viewer") -> "MemberCityQuerySet":
        """The member cities `viewer` may read: every one, whatever its status
        (membership is public; the public directory lists the active ones).
        What is confidential about a city (fees, contacts) is not a row but
        fields and related rows, each kept from whoever may not see it."""
        return self.all()

    def with_current_roles(self, day: datetime.date) -> "MemberCityQuerySet":
        """Annotate `current_roles_joined`: the board roles each city holds on
        `day`, joined by commas (None for none), in the same query; see
        MemberCity.current_roles. The one way to read today's roles: the
        API, the directory, the admin and the home page use it."""
        roles = (
            BoardMandate.objects.current_on(day)
            .filter(member=OuterRef("pk"))
            .order_by()
            .values("member")
            .annotate(roles=GroupConcat("role"))
            .values("roles")
        )
        return self.annotate(current_roles_joined=Subquery(roles))

    def active(self) -> "MemberCityQuerySet":
        return self.filter(status=MemberCity.Status.ACTIVE)

    def megacities(self) -> "MemberCityQuerySet":
        return self.filter(population__gte=MEGACITY_POPULATION)

    def in_region(self, region: Region | str) -> "MemberCityQuerySet":
        """Members of a region, given as a Region or its slug."""
        if isinstance(region, Region):
            return self.filter(region=region)
        return self.filter(region__slug=region)

    def on_board(self, day: datetime.date | None = None) -> "MemberCityQuerySet":
        """Members holding a board mandate on `day` (today by default)."""
        day = day or timezone.localdate()
        mandates = BoardMandate.objects.current_on(day)
        return self.filter(pk__in=mandates.values("member"))

    def hosting_secretariat(
        self, day: datetime.date | None = None
    ) -> "MemberCityQuerySet":
        """Members running a regional secretariat on `day` (today by default)."""
        day = day or timezone.localdate()
        terms = RegionalSecretariat.objects.current_on(day)
        return self.filter(pk__in=terms.values("member"))

    def search(self, text: str) -> "MemberCityQuerySet":
        """Members with every word of `text` starting a word of their name or
        summary ("barc" finds Barcelona). See core.db.word_search; on
        PostgreSQL, members_membercity_search_idx answers it."""
        return word_search(self, SEARCH_FIELDS, text)


class MemberCity(models.Model):
    class Category(models.TextChoices):
        FULL = "full", _("Full member")
        ASSOCIATE = "associate", _("Associate member")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class IncomeBand(models.TextChoices):
        # World Bank classification.
        LOW = "low", _("Low income")
        LOWER_MIDDLE = "lower_middle", _("Lower-middle income")
        UPPER_MIDDLE = "upper_middle", _("Upper-middle income")
        HIGH = "high", _("High income")

    class MembershipType(models.TextChoices):
        JOINT = "joint", _("Joint with UCLG")
        EXCLUSIVE = "exclusive", _("Exclusive")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150)
    country = CountryField(_("country"))
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("region"),
    )
    category = models.CharField(
        _("category"), max_length=20, choices=Category, default=Category.FULL
    )
    is_capital = models.BooleanField(_("capital city"), default=False)
    population = models.PositiveBigIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(
        _("population counted in"),
        null=True,
        blank=True,
        validators=[validate_count_year],
    )
    join_year = models.PositiveSmallIntegerField(_("joined in"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.ACTIVE
    )
    status_changed_on = models.DateField(_("status changed on"), null=True, blank=True)
    income_band = models.CharField(
        _("income band"), max_length=20, choices=IncomeBand, blank=True
    )
    membership_type = models.CharField(
        _("membership type"),
        max_length=20,
        choices=MembershipType,
        default=MembershipType.JOINT,
    )
    website = WebAddressField(_("website"), blank=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    description = TextField(_("description"), blank=True)
    grp_amount = models.DecimalField(
        _("gross regional product"),
        max_digits=20,
        decimal_places=2,
        null=True,
        blank=True,
    )
    grp_currency = models.CharField(
        _("GRP currency"), max_length=3, blank=True, help_text=_("ISO 4217, e.g. CNY")
    )
    grp_year = models.PositiveSmallIntegerField(
        _("GRP year"), null=True, blank=True, validators=[validate_count_year]
    )

    history = HistoricalRecords()
    objects = MemberCityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("member city")
        verbose_name_plural = _("member cities")
        constraints = [
            models.UniqueConstraint(
                fields=["slug"], name="members_membercity_slug_unique"
            ),
            models.CheckConstraint(
                condition=Q(join_year__gte=FOUNDING_YEAR),
                name="members_membercity_join_year_from_founding",
            ),
            # SQLite refuses the current time in a CHECK; clean() covers it there.
            # The year is taken in the settings' time zone, Europe/Madrid.
            PostgresCheckConstraint(
                condition=Q(join_year__lte=ExtractYear(Now())),
                name="members_membercity_join_year_not_future",
            ),
            models.CheckConstraint(
                condition=Q(population__isnull=True) | Q(population_year__isnull=False),
                name="members_membercity_population_has_year",
            ),
            # validate_count_year() in words; this year as the upper bound
            # on PostgreSQL only, as for join_year.
            PostgresCheckConstraint(
                condition=Q(population_year__isnull=True)
                | Q(
                    population_year__gte=FIRST_COUNT_YEAR,
                    population_year__lte=ExtractYear(Now()),
                ),
                name="members_membercity_population_year_counted",
            ),
            PostgresCheckConstraint(
                condition=Q(grp_year__isnull=True)
                | Q(grp_year__gte=FIRST_COUNT_YEAR, grp_year__lte=ExtractYear(Now())),
                name="members_membercity_grp_year_counted",
            ),
            models.CheckConstraint(
                condition=Q(
                    grp_amount__isnull=True, grp_currency="", grp_year__isnull=True
                )
                | (
                    Q(grp_amount__isnull=False, grp_year__isnull=False)
                    & ~Q(grp_currency="")
                ),
                name="members_membercity_grp_complete",
            ),
        ]
        indexes = [
            # The directory and the API list members by name; with the id,
            # an offset page's keys come from the index alone.
            models.Index(fields=["name", "id"], name="members_membercity_name_idx"),
            # The public directory: active members by name, page after page.
            models.Index(
                fields=["status", "name", "id"], name="members_membercity_active_idx"
            ),
            # Counts of active members and the directory's countries, read
            # from the index alone.
            models.Index(
                fields=["status", "country"], name="members_membercity_status_idx"
            ),
            PostgresGinIndex(
                search_vector(*SEARCH_FIELDS), name="members_membercity_search_idx"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:member-detail", kwargs={"slug": self.slug})

    @property
    def current_roles(self) -> list[str]:
        """The board roles held on the day given to `with_current_roles()`
        (which must have annotated this city), President first."""
        joined = self.current_roles_joined
        roles = joined.split(",") if joined else []
        return sorted(roles, key=BoardMandate.Role.values.index)

    @property
    def current_role_labels(self) -> list[str]:
        """current_roles, as their names."""
        return [BoardMandate.Role(role).label for role in self.current_roles]

    @property
    def is_megacity(self) -> bool:
        return self.population is not None and self.population >= MEGACITY_POPULATION

    def clean(self):
        errors = {}
        if self.join_year is not None:
            if self.join_year < FOUNDING_YEAR:
                errors["join_year"] = _(
                    "The association was founded in %(year)s: a member cannot "
                    "have joined before."
                ) % {"year": FOUNDING_YEAR}
            elif self.join_year > this_year():
                errors["join_year"] = _("The join year cannot be in the future.")
        if self.population is not None and self.population_year is None:
            errors["population_year"] = _("Give the year the population was counted.")
        if self.grp_amount is not None and self.grp_amount < 0:
            errors["grp_amount"] = _("The gross regional product cannot be negative.")
        grp = (self.grp_amount, self.grp_currency, self.grp_year)
        if any(v not in (None, "") for v in grp) and not all(
            v not in (None, "") for v in grp
        ):
            for field, value in zip(
                ("grp_amount", "grp_currency", "grp_year"), grp, strict=True
            ):
                if value in (None, ""):
                    errors[field] = _(
                        "Give the amount, the currency and the year of the gross "
                        "regional product together."
                    )
        if errors:
            raise ValidationError(errors)


class PersonQuerySet(models.QuerySet):
    def visible_to(self, viewer: "Viewer") -> "PersonQuerySet":
        """The people `viewer` may read: public contacts for visitors; keys see
        who works where too (how to reach them is a serializer's concern); a
        liaison, the public ones and its own city's; the secretariat, all."""
        if viewer.secretariat or viewer.is_key:
            return self.all()
        if viewer.is_liaison:
            return self.filter(Q(is_public=True) | Q(organisation=viewer.member_id))
        return self.filter(is_public=True)


class Person(models.Model):
    name = models.CharField(_("name"), max_length=150)
    position_title = models.CharField(_("position"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        MemberCity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("organisation"),
        help_text=_("Leave empty for the Secretariat General."),
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the public site and API.")
    )

    history = HistoricalRecords()
    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        """The organisation's page; None for the Secretariat General. Uses
        organisation."""
        return self.organisation.get_absolute_url() if self.organisation_id else None

    @property
    def organisation_name(self) -> str:
        """The member city's name, or the Secretariat General. Uses organisation."""
        return (
            str(self.organisation) if self.organisation_id else _("Secretariat General")
        )


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
        MemberCity,
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
        Region,
        on_delete=models.PROTECT,
        related_name="secretariats",
        verbose_name=_("region"),
    )
    member = models.ForeignKey(
        MemberCity,
        on_delete=models.PROTECT,
        related_name="secretariat_terms",
        verbose_name=_("member city"),
    )
    secretary = models.ForeignKey(
        Person,
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


class Liaison(models.Model):
    """A user who looks after one member city's profile. The only access link."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="liaison",
        verbose_name=_("user"),
    )
    member = models.ForeignKey(
        MemberCity,
        on_delete=models.CASCADE,
        related_name="liaisons",
        verbose_name=_("member city"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["member__name", "user__username"]
        verbose_name = _("liaison")
        verbose_name_plural = _("liaisons")

    def __str__(self):
        return f"{self.user} → {self.member}"
