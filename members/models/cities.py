"""The member cities, with the QuerySet that reads them. The regions are
in regions.py, the board in board.py, people and liaisons in people.py."""

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import ExtractYear, Now
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from core.content import SourceLanguageModel, columns, history_excluded
from core.db import (
    GroupConcat,
    PostgresCheckConstraint,
    PostgresGinIndex,
    search_vector,
    trigram_index,
    word_search,
)
from core.fields import DegreesField, TextField, WebAddressField
from members.models.board import ROLE_ORDER, BoardMandate, RegionalSecretariat
from members.models.images import PHOTO_TEXTS, CityImages
from members.models.regions import Region
from members.models.rules import (
    COORDINATE_PLACES,
    FIRST_COUNT_YEAR,
    LATITUDE_RANGE,
    LONGITUDE_RANGE,
    RESERVED_SLUGS,
    this_year,
    validate_count_year,
    validate_member_slug,
)

if TYPE_CHECKING:
    from members.viewers import Viewer

FOUNDING_YEAR = 1985
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
    "latitude",
    "longitude",
    # And the emblem and photo (members.models.images.IMAGE_FIELDS), uploaded.
    *PHOTO_TEXTS,
)
# What `?search=` looks in, on the site and in the API: the name and the
# summary in every language.
SEARCH_FIELDS = ("name", *columns("summary"))


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

    def located(self) -> "MemberCityQuerySet":
        """Members with coordinates: the points of the map."""
        return self.filter(latitude__isnull=False, longitude__isnull=False)

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
        summary in any language ("barc" finds Barcelona). See core.db.word_search; on
        PostgreSQL, members_membercity_search_idx answers it."""
        return word_search(self, SEARCH_FIELDS, text)


class MemberCity(CityImages, SourceLanguageModel):
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
    slug = models.SlugField(
        _("slug"), max_length=150, validators=[validate_member_slug]
    )
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
    latitude = DegreesField(
        _("latitude"),
        max_digits=2 + COORDINATE_PLACES,
        decimal_places=COORDINATE_PLACES,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(LATITUDE_RANGE[0]),
            MaxValueValidator(LATITUDE_RANGE[1]),
        ],
        help_text=_("Degrees north (WGS 84), from -90 to 90, e.g. 23.13."),
    )
    longitude = DegreesField(
        _("longitude"),
        max_digits=3 + COORDINATE_PLACES,
        decimal_places=COORDINATE_PLACES,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(LONGITUDE_RANGE[0]),
            MaxValueValidator(LONGITUDE_RANGE[1]),
        ],
        help_text=_("Degrees east (WGS 84), from -180 to 180, e.g. 113.26."),
    )

    history = HistoricalRecords(
        excluded_fields=history_excluded("summary", "description", *PHOTO_TEXTS)
    )
    objects = MemberCityQuerySet.as_manager()
    # core.slugs.unique_slug() makes none of these.
    reserved_slugs = RESERVED_SLUGS

    class Meta:
        ordering = ["name"]
        verbose_name = _("member city")
        verbose_name_plural = _("member cities")
        constraints = [
            models.UniqueConstraint(
                fields=["slug"], name="members_membercity_slug_unique"
            ),
            models.CheckConstraint(
                condition=~Q(slug__in=RESERVED_SLUGS),
                name="members_membercity_slug_not_reserved",
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
            # A point on the map, or none: both coordinates or neither.
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="members_membercity_coordinates_paired",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True)
                | Q(latitude__gte=LATITUDE_RANGE[0], latitude__lte=LATITUDE_RANGE[1]),
                name="members_membercity_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True)
                | Q(
                    longitude__gte=LONGITUDE_RANGE[0],
                    longitude__lte=LONGITUDE_RANGE[1],
                ),
                name="members_membercity_longitude_range",
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
            # The directory's other sorts, either way (the id follows the
            # sort's direction, core.paginators.total_order); the first also
            # counts active members and lists their countries from the index.
            models.Index(
                fields=["status", "country", "id"],
                name="members_membercity_status_idx",
            ),
            models.Index(
                fields=["status", "join_year", "id"], name="members_city_joined_idx"
            ),
            models.Index(
                fields=["status", "population", "id"], name="members_city_people_idx"
            ),
            PostgresGinIndex(
                search_vector(*SEARCH_FIELDS), name="members_membercity_search_idx"
            ),
            # The admin's searches by a city's name (icontains), here and
            # through alliances, invoices and payments: on PostgreSQL.
            trigram_index("name", name="members_membercity_name_trgm"),
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
        return sorted(roles, key=ROLE_ORDER.__getitem__)

    @property
    def current_role_labels(self) -> list[str]:
        """current_roles, as their names."""
        return [BoardMandate.Role(role).label for role in self.current_roles]

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

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
        if (self.latitude is None) != (self.longitude is None):
            missing = "latitude" if self.latitude is None else "longitude"
            errors[missing] = _("Give the latitude and the longitude together.")
        errors.update(self.image_errors())
        if errors:
            raise ValidationError(errors)
