"""Synthetic rows for benchmarks, streamed to the database in batches.

Every row is built by a generator and written with bulk_create a batch at a
time, so that memory stays flat whatever the scale: only the primary keys of
the cities, people and alliances are kept (compact integer arrays), to link
later rows to them. bulk_create sends no signals, so django-simple-history
writes no history row for bulk data: that is on purpose, it is not a record
of anybody's change.
"""

import array
import datetime
import itertools
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from django.db import models, reset_queries
from django.utils import timezone
from django.utils.text import slugify

from alliances.models import Alliance, StrategicActionPlan
from core.db import term_end
from dues.models import Invoice
from members.models import FOUNDING_YEAR, BoardMandate, MemberCity, Person, Region
from news.models import Category, NewsPost
from tools.bulk import dues, places, text
from tools.bulk.alliance_rows import AllianceRows
from tools.bulk.common import (
    BATCH_SIZE,
    DEFAULT_SEED,
    PEOPLE_EMAIL_DOMAIN,
    PREFIX,
    batched,
    days,
)
from tools.bulk.news_rows import PostRows
from tools.bulk.scales import Scale
from tools.demo.data import REGIONS

__all__ = [
    "BATCH_SIZE",
    "DEFAULT_SEED",
    "PEOPLE_EMAIL_DOMAIN",
    "PREFIX",
    "Generator",
]

# Bulk Presidents follow one another within these days, before the demo's
# (Berlin from August 2018, Guangzhou from November 2020): load_demo loads
# before or after the bulk data. Presidencies already stored are left out.
PRESIDENCY_FIRST_DAY = datetime.date(1986, 1, 1)
PRESIDENCY_LAST_DAY = datetime.date(2017, 12, 31)
# About one board mandate in a hundred cities is running today.
CURRENT_MANDATE_SHARE = 0.01

COUNTRIES = {
    "AF": ["NG", "SN", "KE", "ZA", "EG", "MA", "GH", "CI", "ET", "TZ"],
    "AP": ["CN", "IN", "JP", "KR", "ID", "PH", "VN", "AU", "TH", "MY"],
    "EU": ["ES", "FR", "DE", "IT", "PL", "PT", "SE", "GB", "NL", "BE"],
    "LAC": ["MX", "BR", "AR", "CO", "CL", "PE", "UY", "EC", "BO", "CU"],
    "NA": ["US", "CA"],
}
CATEGORIES = (
    "Urban Innovation",
    "Climate",
    "Governance",
    "Housing",
    "Mobility",
    "Gender Equality",
    "Finance",
    "Events",
)
Role = BoardMandate.Role
OTHER_ROLES = (Role.BOARD_MEMBER, Role.VICE_PRESIDENT, Role.TREASURER)
OTHER_ROLE_WEIGHTS = (70, 22, 8)


def ensure_regions() -> list[Region]:
    """The five regions, by code: reused when stored, created when missing."""
    regions = {region.code: region for region in Region.objects.all()}
    for values in REGIONS:
        if values["code"] not in regions:
            regions[values["code"]] = Region.objects.create(**values)
    return [regions[values["code"]] for values in REGIONS]


class Generator(AllianceRows, PostRows):
    """Writes one scale of bulk data; call run() inside a transaction. The
    alliance and news stages are in tools.bulk.alliance_rows and news_rows."""

    def __init__(
        self,
        scale: Scale,
        *,
        seed: int = DEFAULT_SEED,
        batch_size: int = BATCH_SIZE,
        log: Callable[[str], None] | None = None,
    ):
        self.scale = scale
        self.seed = seed
        self.batch_size = batch_size
        self.log = log or (lambda message: None)
        self.now = timezone.now().replace(minute=0, second=0, microsecond=0)
        self.today = timezone.localdate(self.now)
        self.pool = text.sentence_pool(seed)
        self.counts: Counter[str] = Counter()
        self.seconds: dict[str, float] = {}
        self.member_ids = array.array("q")
        self.person_ids = array.array("q")
        self.alliance_ids = array.array("q")
        # (topic, number) -> (Markdown, HTML): at most BODIES_PER_TOPIC a topic.
        self.bodies: dict[tuple[str, int], tuple[str, str]] = {}

    def rng(self, stream: str) -> random.Random:
        """An independent stream per kind of row: one kind's draws never shift
        another's."""
        return random.Random(f"{self.seed}:{stream}")

    def run(self) -> None:
        self.regions = ensure_regions()
        self.stage("categories", Category, self.categories(), self.keep_categories)
        self.stage("plans", StrategicActionPlan, self.plans(), self.keep_plans)
        self.stage("member cities", MemberCity, self.members(), self.keep_members)
        self.stage("people", Person, self.people(), self.keep_people)
        self.stage("board mandates", BoardMandate, self.mandates())
        self.stage(
            "invoices",
            Invoice,
            dues.bulk_invoices(self, PREFIX),
            dues.bulk_payments(self, self.rng("payments")),
        )
        self.parts_rng = self.rng("alliance-parts")
        self.stage("alliances", Alliance, self.alliances(), self.alliance_parts)
        self.links_rng = self.rng("post-links")
        self.stage("news posts", NewsPost, self.posts(), self.post_links)

    def stage(self, name, model, rows, after=None) -> None:
        started = time.monotonic()
        count = self.insert(model, rows, after)
        self.seconds[name] = time.monotonic() - started
        self.log(f"{name}: {count} rows in {self.seconds[name]:.1f} s")

    def insert(
        self,
        model: type[models.Model],
        rows: Iterable[models.Model],
        after: Callable[[list], None] | None = None,
    ) -> int:
        """Write `rows` a batch at a time; `after` gets each batch, with its keys."""
        count = 0
        for batch in batched(rows, self.batch_size):
            model.objects.bulk_create(batch, batch_size=self.batch_size)
            # With DEBUG on, Django would keep the SQL of every batch.
            reset_queries()
            if after is not None:
                after(batch)
            count += len(batch)
            self.counts[model._meta.label] += len(batch)
        return count

    # Categories and plans: a few rows, kept by key.

    def categories(self) -> Iterator[Category]:
        for name in CATEGORIES:
            yield Category(name=name, slug=f"{PREFIX}{slugify(name)}")

    def keep_categories(self, batch: list[Category]) -> None:
        self.category_ids = [category.pk for category in batch]

    def plans(self) -> Iterator[StrategicActionPlan]:
        for first in range(1994, self.today.year + 1, 3):
            yield StrategicActionPlan(
                title=f"Strategic Action Plan {first}–{first + 2}",
                slug=f"{PREFIX}sap-{first}-{first + 2}",
                first_year=first,
                last_year=first + 2,
                summary=text.prose(self.rng(f"plan-{first}"), self.pool, 3),
            )

    def keep_plans(self, batch: list[StrategicActionPlan]) -> None:
        self.plan_ids = {
            year: plan.pk
            for plan in batch
            for year in range(plan.first_year, plan.last_year + 1)
        }

    # Member cities and their people.

    def members(self) -> Iterator[MemberCity]:
        rng = self.rng("members")
        # A stream of its own: the other columns stay what they were.
        points = self.rng("places")
        for number in range(self.scale.members):
            region = rng.choice(self.regions)
            country = rng.choice(COUNTRIES[region.code])
            city = MemberCity(
                name=text.city_name(self.seed, number),
                slug=f"{PREFIX}city-{number:05d}",
                country=country,
                region=region,
                category=rng.choice(MemberCity.Category.values),
                is_capital=rng.random() < 0.2,
                join_year=rng.randint(FOUNDING_YEAR, self.today.year),
                income_band=rng.choice(MemberCity.IncomeBand.values),
                membership_type=rng.choice(MemberCity.MembershipType.values),
                website=f"https://{PREFIX}city-{number:05d}.example.org/",
                summary=text.prose(rng, self.pool, 1),
                description=text.prose(rng, self.pool, rng.randint(2, 5)),
            )
            if points.random() < 0.9:
                city.latitude, city.longitude = places.coordinates(points, country)
            if rng.random() < 0.8:
                city.population = min(int(rng.lognormvariate(14.9, 0.9)), 40_000_000)
                city.population_year = rng.randint(2010, self.today.year)
            if rng.random() < 0.3:
                city.grp_amount = Decimal(rng.randint(10**9, 10**12)) / 100
                city.grp_currency = rng.choice(("USD", "EUR", "CNY", "BRL"))
                city.grp_year = rng.randint(2010, self.today.year)
            roll = rng.random()
            if roll < 0.1:
                city.status = (
                    MemberCity.Status.SUSPENDED
                    if roll < 0.05
                    else MemberCity.Status.WITHDRAWN
                )
                city.status_changed_on = self.today - days(rng.randint(30, 3000))
            yield city

    def keep_members(self, batch: list[MemberCity]) -> None:
        self.member_ids.extend(city.pk for city in batch)

    def people(self) -> Iterator[Person]:
        rng = self.rng("people")
        for number in range(self.scale.secretariat_people):
            yield Person(
                name=text.person_name(rng),
                position_title="Senior Manager, Secretariat General",
                email=f"secretariat-{number:04d}@{PEOPLE_EMAIL_DOMAIN}",
                is_public=True,
            )
        for number, member_id in enumerate(self.member_ids):
            yield Person(
                name=text.person_name(rng),
                position_title="International relations officer",
                organisation_id=member_id,
                email=f"contact-{number:05d}@{PEOPLE_EMAIL_DOMAIN}",
                phone=f"+1 555 {number:07d}",
                is_public=rng.random() < 0.6,
            )

    def keep_people(self, batch: list[Person]) -> None:
        self.person_ids.extend(person.pk for person in batch)

    def secretariat_person(self, rng: random.Random) -> int:
        return self.person_ids[rng.randrange(self.scale.secretariat_people)]

    def contact_of(self, member_number: int) -> int:
        return self.person_ids[self.scale.secretariat_people + member_number]

    # Board mandates: one chain of Presidents, then each city's own history.

    def presidencies(self, rng: random.Random) -> Iterator[tuple]:
        """Consecutive presidential terms that meet no stored presidency."""
        taken = sorted(
            (mandate.start_date, mandate.end_date or datetime.date.max)
            for mandate in BoardMandate.objects.presidents()
        )
        day = PRESIDENCY_FIRST_DAY
        while day <= PRESIDENCY_LAST_DAY:
            end = min(term_end(day, rng.randint(1, 3)), PRESIDENCY_LAST_DAY)
            clash = next(((s, e) for s, e in taken if s <= end and e >= day), None)
            if clash is not None and clash[0] <= day:
                if clash[1] >= PRESIDENCY_LAST_DAY:
                    return
                day = clash[1] + days(1)
                continue
            if clash is not None:
                end = clash[0] - days(1)
            yield day, end
            day = end + days(1)

    def mandates(self) -> Iterator[BoardMandate]:
        rng = self.rng("mandates")
        members = len(self.member_ids)
        presidencies = list(
            itertools.islice(self.presidencies(rng), self.scale.mandates // 4)
        )
        for start, end in presidencies:
            yield BoardMandate(
                member_id=self.member_ids[rng.randrange(members)],
                role=Role.PRESIDENT,
                start_date=start,
                end_date=end,
            )
        base, extra = divmod(self.scale.mandates - len(presidencies), members)
        for number, member_id in enumerate(self.member_ids):
            # Backwards from the latest mandate, which may still be running.
            end = (
                None
                if rng.random() < CURRENT_MANDATE_SHARE
                else self.today - days(rng.randint(30, 4000))
            )
            for _ in range(base + (number < extra)):
                start = (end or self.today) - days(rng.randint(365, 1460))
                yield BoardMandate(
                    member_id=member_id,
                    role=rng.choices(OTHER_ROLES, OTHER_ROLE_WEIGHTS)[0],
                    start_date=start,
                    end_date=end,
                )
                end = start - days(rng.randint(1, 400))
