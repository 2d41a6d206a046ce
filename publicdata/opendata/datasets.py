"""What each open data file holds: its rows (the public site's, as an
anonymous visitor sees them) and its columns, whose names are stable (a
column is added, never renamed or removed: README, "Open data")."""

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from alliances.models import Alliance
from core.api.serializers import country_names
from members.models import BoardMandate, MemberCity
from members.viewers import ANONYMOUS

# Rows fetched per round trip: the server-side cursor (PostgreSQL) or the
# fetchmany() batch (SQLite) holds this many, whatever the table's size.
CHUNK_SIZE = 2000

# The licence of the data (not of the site's code): see README, "Open data".
LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}


@dataclass(frozen=True)
class Column:
    """A column: `source` is what values_list() reads (a field path or an
    annotation); `type` is a Frictionless Table Schema type."""

    name: str
    type: str
    description: str
    source: str | None = None
    enum: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    queryset: Callable[[], QuerySet]
    primary_key: tuple[str, ...] = ()
    # Makes the values of a row's computed columns from what it read.
    derive: Callable[[dict[str, Any], dict], None] | None = None
    tables: tuple[str, ...] = field(default=())

    @property
    def sources(self) -> list[str]:
        return [column.source for column in self.columns if column.source]

    def rows(self, request) -> Iterator[dict[str, Any]]:
        """The rows as dicts of column name to Python value (None for an
        empty value), from one query read in chunks: constant memory."""
        with translation.override("en"):
            context = {"countries": country_names(), "request": request}
        sourced = [column for column in self.columns if column.source]
        values = self.queryset().values_list(*self.sources)
        for values_row in values.iterator(chunk_size=CHUNK_SIZE):
            row = {
                column.name: (None if value == "" else value)
                for column, value in zip(sourced, values_row, strict=True)
            }
            if self.derive:
                self.derive(row, context)
            yield {column.name: row[column.name] for column in self.columns}


def choices(text_choices) -> tuple[str, ...]:
    return tuple(text_choices.values)


def member_url(request, slug: str) -> str:
    return request.build_absolute_uri(
        reverse("members:member-detail", kwargs={"slug": slug})
    )


def public_members() -> QuerySet:
    """The public directory: the active members a visitor may see."""
    return MemberCity.objects.visible_to(ANONYMOUS).active().order_by("name", "id")


def derive_member(row: dict, context: dict) -> None:
    row["country_name"] = context["countries"].get(row["country"], row["country"])
    row["url"] = member_url(context["request"], row["slug"])


MEMBERS = Dataset(
    name="members",
    title=_("Member cities"),
    description=_("The public directory: every active member city."),
    primary_key=("slug",),
    queryset=public_members,
    derive=derive_member,
    tables=("members_membercity", "members_region"),
    columns=(
        Column("slug", "string", _("Stable identifier of the member city."), "slug"),
        Column("name", "string", _("Name of the member city."), "name"),
        Column("country", "string", _("ISO 3166-1 alpha-2 country code."), "country"),
        Column("country_name", "string", _("Country name in English.")),
        Column(
            "region", "string", _("Identifier (slug) of the region."), "region__slug"
        ),
        Column("region_name", "string", _("Name of the region."), "region__name"),
        Column(
            "category",
            "string",
            _("Membership category."),
            "category",
            choices(MemberCity.Category),
        ),
        Column(
            "is_capital", "boolean", _("Capital city of its country."), "is_capital"
        ),
        Column("population", "integer", _("Population."), "population"),
        Column(
            "population_year",
            "integer",
            _("Year of the population."),
            "population_year",
        ),
        Column("join_year", "integer", _("Year the city joined."), "join_year"),
        Column(
            "income_band",
            "string",
            _("World Bank income classification."),
            "income_band",
            choices(MemberCity.IncomeBand),
        ),
        Column(
            "membership_type",
            "string",
            _("Joint membership with UCLG or exclusive."),
            "membership_type",
            choices(MemberCity.MembershipType),
        ),
        Column("website", "string", _("Official website."), "website"),
        # The English source text, whatever the language of the request
        # (core.content): one file for everyone.
        Column(
            "summary",
            "string",
            _("One-paragraph summary."),
            "summary_en",
        ),
        Column("grp_amount", "number", _("Gross regional product."), "grp_amount"),
        Column(
            "grp_currency", "string", _("ISO 4217 currency of the GRP."), "grp_currency"
        ),
        Column("grp_year", "integer", _("Year of the GRP."), "grp_year"),
        Column("latitude", "number", _("Degrees north (WGS 84)."), "latitude"),
        Column("longitude", "number", _("Degrees east (WGS 84)."), "longitude"),
        Column("url", "string", _("The member's page on this site.")),
    ),
)


def board_mandates() -> QuerySet:
    """The board history is public: every mandate of a member city a visitor
    may see (BoardMandate has no visibility rule of its own)."""
    members = MemberCity.objects.visible_to(ANONYMOUS)
    return BoardMandate.objects.filter(member__in=members).order_by(
        "start_date", "role", "id"
    )


BOARD = Dataset(
    name="board",
    title=_("Board history"),
    description=_("Every board mandate: the city, its office, its start and end."),
    queryset=board_mandates,
    tables=("members_boardmandate", "members_membercity"),
    columns=(
        Column(
            "city", "string", _("Identifier (slug) of the member city."), "member__slug"
        ),
        Column("city_name", "string", _("Name of the member city."), "member__name"),
        Column(
            "office",
            "string",
            _("The office held."),
            "role",
            choices(BoardMandate.Role),
        ),
        Column("start_date", "date", _("First day of the mandate."), "start_date"),
        Column(
            "end_date",
            "date",
            _("Last day of the mandate, inclusive; empty while current."),
            "end_date",
        ),
    ),
)


def public_alliances() -> QuerySet:
    """The alliances a visitor sees (no drafts), their dates as of today."""
    return Alliance.objects.visible_to(ANONYMOUS).order_by("slug", "id")


ALLIANCES = Dataset(
    name="alliances",
    title=_("Alliances"),
    description=_("The public facts of every alliance that is not a draft."),
    primary_key=("slug",),
    queryset=public_alliances,
    tables=(
        "alliances_alliance",
        "alliances_allianceextension",
        "alliances_strategicactionplan",
        "members_membercity",
    ),
    columns=(
        Column("slug", "string", _("Stable identifier of the alliance."), "slug"),
        Column("title", "string", _("Title of the agreement."), "title_en"),
        Column(
            "kind", "string", _("Kind of alliance."), "kind", choices(Alliance.Kind)
        ),
        Column(
            "instrument",
            "string",
            _("Legal instrument."),
            "instrument",
            choices(Alliance.Instrument),
        ),
        Column(
            "granting_member",
            "string",
            _("Identifier (slug) of the granting member city, if any."),
            "granting_member__slug",
        ),
        Column(
            "granting_member_name",
            "string",
            _("Name of the granting member city, if any."),
            "granting_member__name",
        ),
        Column("counterpart", "string", _("The other party."), "counterpart"),
        Column("signed_on", "date", _("Day of signature."), "signed_on"),
        Column(
            "signing_format",
            "string",
            _("In person or virtual."),
            "signing_format",
            choices(Alliance.SigningFormat),
        ),
        Column("start_date", "date", _("First day in force."), "start_date"),
        Column("term_years", "integer", _("Agreed term in years."), "term_years"),
        Column(
            "agreed_end_date", "date", _("Last day of the agreed term."), "agreed_end"
        ),
        Column("end_date", "date", _("Last day in force, extensions included."), "end"),
        Column(
            "status",
            "string",
            _("Status on the day of the download (Europe/Madrid)."),
            "status",
            tuple(v for v in Alliance.Status.values if v != "draft"),
        ),
        Column(
            "terminated_on", "date", _("Day of early termination."), "terminated_on"
        ),
        Column(
            "plan",
            "string",
            _("Identifier (slug) of the strategic action plan it serves."),
            "plan__slug",
        ),
        Column("summary", "string", _("Public summary."), "summary"),
    ),
)

DATASETS = {dataset.name: dataset for dataset in (MEMBERS, BOARD, ALLIANCES)}


def text(value: Any) -> str:
    """A value as a CSV cell (Frictionless defaults: "" is missing)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)
