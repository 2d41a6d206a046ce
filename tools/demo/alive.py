"""The illustrative part of the demo, dated from today so that it stays alive.

Public facts (data.py) keep their dates. What is here is illustrative and says
so: alliance titles and news titles start with "Illustrative", their texts say
they are examples, their slugs start with "illustrative-" and end with the day
they were dated from (their anchor).

How the dates move: a record keeps the dates it was created with; its values
are recomputed from the anchor in its slug, so a second run (or `--reset`)
finds them equal. On a later day, a run creates what is missing so that the
invariants hold again: an alliance in force, one ending within 90 days, one
upcoming, one expired with an extension in its history; published news from
the last 60 days and one post scheduled; the board's illustrative seats
current today. Older illustrative records stay, as history.
"""

import datetime
from collections.abc import Callable

from django.utils import timezone

from alliances.models import Alliance, AllianceExtension
from alliances.services import alliance_extend, alliance_store_end
from members.models import BoardMandate
from news.models import Category, NewsPost
from tools.demo import news_data, pictures

CHANGE_REASON = "load_demo"
PREFIX = "illustrative-"
RECENT_NEWS_DAYS = 60
Kind = Alliance.Kind
Role = BoardMandate.Role


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def anchor_of(slug: str) -> datetime.date:
    return datetime.date.fromisoformat(slug[-10:])


# name -> (the values dated from the anchor, the invariant on a day).
def _in_force(day):
    return {
        "title": "Illustrative alliance: cooperation agreement on urban data",
        "kind": Kind.PARTNER,
        "instrument": Alliance.Instrument.COOPERATION_AGREEMENT,
        "counterpart": "Example Urban Data Institute (illustrative)",
        "signed_on": years_before(day, 1) - datetime.timedelta(days=10),
        "start_date": years_before(day, 1),
        "term_years": 3,
        "summary": "An example of an alliance in force, for the demo only.",
    }


def _ending_soon(day):
    return {
        "title": "Illustrative alliance: memorandum on metropolitan mobility",
        "kind": Kind.GRANTING_MEMBER,
        "granting_member": "barcelona",
        "instrument": Alliance.Instrument.MOU,
        "counterpart": "Example Mobility Agency (illustrative)",
        "signed_on": years_before(day, 3) + datetime.timedelta(days=40),
        "start_date": years_before(day, 3) + datetime.timedelta(days=45),
        "term_years": 3,
        "summary": "An example of an alliance ending within 90 days, for the demo.",
    }


def _upcoming(day):
    return {
        "title": "Illustrative alliance: letter of intent on green spaces",
        "kind": Kind.SUPPORTING_ENTITY,
        "instrument": Alliance.Instrument.LETTER_OF_INTENT,
        "counterpart": "Example Green Cities Network (illustrative)",
        "signed_on": day - datetime.timedelta(days=10),
        "start_date": day + datetime.timedelta(days=60),
        "term_years": 2,
        "summary": "An example of an alliance signed and not yet in force.",
    }


def _expired(day):
    return {
        "title": "Illustrative alliance: framework agreement on housing, extended",
        "kind": Kind.GRANTING_MEMBER,
        "granting_member": "berlin",
        "instrument": Alliance.Instrument.FRAMEWORK_AGREEMENT,
        "counterpart": "Example Housing Foundation (illustrative)",
        "signed_on": years_before(day, 4) - datetime.timedelta(days=15),
        "start_date": years_before(day, 4),
        "term_years": 2,
        "summary": ("An example of an alliance extended once by a year, then expired."),
    }


def _extension(alliance: Alliance) -> dict:
    start = alliance.start_date
    agreed_end = start.replace(year=start.year + alliance.term_years)
    return {
        "new_end_date": agreed_end.replace(year=agreed_end.year + 1)
        - datetime.timedelta(days=1),
        "agreed_on": agreed_end - datetime.timedelta(days=60),
        "note": "Illustrative: extended by a year.",
    }


ALLIANCES: dict[str, tuple[Callable, Callable]] = {
    "in-force": (
        _in_force,
        lambda qs, day: qs.active_on(day).exclude(pk__in=qs.expiring_within(90, day)),
    ),
    "ending-soon": (_ending_soon, lambda qs, day: qs.expiring_within(90, day)),
    "upcoming": (
        _upcoming,
        lambda qs, day: qs.with_status(Alliance.Status.UPCOMING, day=day),
    ),
    "expired": (
        _expired,
        lambda qs, day: qs.with_status(Alliance.Status.EXPIRED, day=day).filter(
            extensions__isnull=False
        ),
    ),
}

# Illustrative seats of the board today (the President is a public fact,
# data.py): a three-year term from the anchor.
BOARD_SEATS = [
    ("berlin", Role.CO_PRESIDENT),
    ("montevideo", Role.CO_PRESIDENT),
    ("barcelona", Role.TREASURER),
    ("dakar", Role.VICE_PRESIDENT),
    ("mexico-city", Role.BOARD_MEMBER),
]
BOARD_TERM_YEARS = 3


def load_alive(loader, today: datetime.date) -> None:
    """Create or restore the illustrative records (see the module)."""
    started = timezone.now()
    _load_alliances(loader, today)
    # alliance_extend() writes history rows: the demo is their reason.
    for model in (Alliance, AllianceExtension):
        model.history.filter(
            history_date__gte=started, history_change_reason__isnull=True
        ).update(history_change_reason=CHANGE_REASON)
    _load_board(loader, today)
    _load_news(loader, today)


def _load_alliances(loader, today: datetime.date) -> None:
    for name, (values_on, holds) in ALLIANCES.items():
        base = f"{PREFIX}{name}-"
        existing = Alliance.objects.filter(slug__startswith=base)
        slugs = list(existing.values_list("slug", flat=True))
        if not holds(existing, today).exists():
            slugs.append(f"{base}{today.isoformat()}")
        for slug in slugs:
            values = values_on(anchor_of(slug))
            member = values.pop("granting_member", None)
            values["granting_member"] = loader.city(member)
            alliance = loader.upsert(Alliance, {"slug": slug}, values)
            alliance_store_end(alliance=alliance)
            if (
                name == "expired"
                and not AllianceExtension.objects.filter(alliance=alliance).exists()
            ):
                alliance_extend(alliance=alliance, **_extension(alliance))
                loader.result.created += 1


def _load_board(loader, today: datetime.date) -> None:
    current = BoardMandate.objects.filter(
        start_date__lte=today, member__slug__in=[slug for slug, _ in BOARD_SEATS]
    ).exclude(end_date__lt=today)
    for slug, role in BOARD_SEATS:
        member = loader.cities[slug]
        mine = current.filter(member=member, role=role)
        start = today if not mine.exists() else None
        starts = set(
            BoardMandate.objects.filter(
                member=member, role=role, start_date__gt=datetime.date(2020, 11, 1)
            ).values_list("start_date", flat=True)
        )
        if start:
            starts.add(start)
        for day in sorted(starts):
            loader.upsert(
                BoardMandate,
                {"member": member, "role": role, "start_date": day},
                {
                    "end_date": day.replace(year=day.year + BOARD_TERM_YEARS)
                    - datetime.timedelta(days=1)
                },
            )


def _load_news(loader, today: datetime.date) -> None:
    categories = {
        slug: loader.upsert(Category, {"slug": slug}, values)
        for slug, values in news_data.CATEGORIES.items()
    }
    posts = NewsPost.objects.filter(slug__startswith=PREFIX)
    now = news_data.at(today, 9)
    recent = posts.published(now).filter(
        published_at__gte=now - datetime.timedelta(days=RECENT_NEWS_DAYS)
    )
    wanted = set(posts.values_list("slug", flat=True))
    if not recent.filter(slug__startswith=f"{PREFIX}news-").exists():
        wanted |= {f"{PREFIX}news-{key}-{today.isoformat()}" for key in news_data.POSTS}
    if not posts.scheduled(now).exists():
        wanted.add(f"{PREFIX}news-{news_data.SCHEDULED}-{today.isoformat()}")
    for slug in sorted(wanted):
        key = slug[len(PREFIX) + len("news-") : -11]
        values = news_data.post_values(key, anchor_of(slug))
        values |= pictures.post_picture(values["category"])
        values["category"] = categories[values["category"]]
        loader.upsert(NewsPost, {"slug": slug}, values)
