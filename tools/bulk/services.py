"""Writing and removing bulk data, each in one transaction."""

import resource
import time
from dataclasses import dataclass, field

from django.db import IntegrityError, connection, transaction
from django.db.models import Q

from alliances.models import (
    Alliance,
    AllianceExtension,
    AllianceSignatory,
    StrategicActionPlan,
)
from members.models import BoardMandate, MemberCity, Person
from news.models import Category, NewsPost
from tools.bulk.dues import bulk_dues_querysets
from tools.bulk.generator import (
    BATCH_SIZE,
    DEFAULT_SEED,
    PEOPLE_EMAIL_DOMAIN,
    PREFIX,
    Generator,
)
from tools.bulk.scales import SCALES, Scale


class BulkDataError(Exception):
    """The bulk data cannot be written or removed as asked."""


@dataclass
class GenerationReport:
    scale: Scale
    seed: int
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)
    total_seconds: float = 0.0
    peak_rss_mb: float = 0.0


def peak_rss_mb() -> float:
    """This process's peak resident memory so far (Linux counts in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _bulk_querysets():
    """What identifies bulk rows, in an order that deletes children first."""
    posts = NewsPost.objects.filter(slug__startswith=PREFIX)
    members = MemberCity.objects.filter(slug__startswith=PREFIX)
    alliances = Alliance.objects.filter(slug__startswith=PREFIX)
    member_links = NewsPost.related_members.through.objects
    alliance_links = NewsPost.related_alliances.through.objects
    return [
        *bulk_dues_querysets(PREFIX),
        member_links.filter(Q(newspost__in=posts) | Q(membercity__in=members)),
        alliance_links.filter(Q(newspost__in=posts) | Q(alliance__in=alliances)),
        posts,
        AllianceExtension.objects.filter(alliance__in=alliances),
        AllianceSignatory.objects.filter(alliance__in=alliances),
        alliances,
        StrategicActionPlan.objects.filter(slug__startswith=PREFIX),
        Category.objects.filter(slug__startswith=PREFIX),
        BoardMandate.objects.filter(member__in=members),
        Person.objects.filter(email__endswith=f"@{PEOPLE_EMAIL_DOMAIN}"),
        members,
    ]


def present_scale() -> str | None:
    """The scale of the bulk data stored, told by its number of cities; None
    when there is none."""
    count = MemberCity.objects.filter(slug__startswith=PREFIX).count()
    if not count:
        return None
    by_size = {scale.members: name for name, scale in SCALES.items()}
    return by_size.get(count, f"unknown ({count} member cities)")


def _bulk_rows_exist() -> bool:
    return any(queryset.exists() for queryset in _bulk_querysets())


def _remove() -> dict[str, int]:
    removed = {}
    for queryset in _bulk_querysets():
        # QuerySet.delete() would load every row to send the signals that
        # django-simple-history listens to, and write a history row for each.
        count = queryset._raw_delete(queryset.db)
        if count:
            removed[queryset.model._meta.label] = count
    try:
        # Foreign keys are checked at commit: check now, to say what refers
        # to the bulk data before anything else is written.
        connection.check_constraints()
    except IntegrityError as exc:
        raise BulkDataError(
            f"Other records refer to the bulk data; nothing was removed: {exc}"
        ) from exc
    return removed


@transaction.atomic
def remove_bulk_data() -> dict[str, int]:
    """Delete every bulk row (found by its "bulk-" slug or e-mail domain).

    Regions stay: they are shared with the real data. Returns rows removed by
    model label.
    """
    return _remove()


@transaction.atomic
def generate(
    *,
    scale: Scale,
    seed: int = DEFAULT_SEED,
    replace: bool = False,
    batch_size: int = BATCH_SIZE,
    log=None,
) -> GenerationReport:
    """Write one scale of synthetic data, deterministic for a seed.

    Refused when bulk data is already stored, unless `replace`, which removes
    it first. One transaction: a failure leaves the database as it was.
    """
    started = time.monotonic()
    report = GenerationReport(scale=scale, seed=seed)
    if replace:
        report.removed = _remove()
    elif _bulk_rows_exist():
        raise BulkDataError(
            f"Bulk data is already stored (scale: {present_scale() or 'partial'}); "
            "use --reset to replace it."
        )
    generator = Generator(scale, seed=seed, batch_size=batch_size, log=log)
    generator.run()
    report.counts = dict(generator.counts)
    report.seconds = generator.seconds
    report.total_seconds = time.monotonic() - started
    report.peak_rss_mb = peak_rss_mb()
    return report
