"""The demo stays alive whatever today is (issue 18): loaded fresh on today, a
year on, ten years on and a few years back, or loaded once and run again a
year later, it shows an alliance in force and one ending within 90 days, an
upcoming alliance, an expired one with an extension, a General Assembly held
last year with its quorum and resolutions and one coming, invoices of the
year before last, last year and this year (paid, partly paid, overdue),
recent news and a scheduled post, and a board with current seats."""

import datetime
import zoneinfo
from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import connection

from alliances.models import Alliance
from dues.models import Invoice
from governance.models import Meeting, Resolution
from governance.roll import roll
from members.models import BoardMandate, MemberCity
from news.models import NewsPost
from tests.demo_utils import load_demo, row_counts

pytestmark = pytest.mark.django_db

MADRID = zoneinfo.ZoneInfo("Europe/Madrid")


@pytest.fixture(autouse=True)
def database_clock_check_lifted():
    """PostgreSQL's own clock cannot move: its one check that reads it (a join
    year not in the future) is lifted inside the test's transaction, which
    rolls the change back; clean() still checks it against the moved clock."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "ALTER TABLE members_membercity DROP CONSTRAINT IF EXISTS "
                "members_membercity_join_year_not_future"
            )


@contextmanager
def moved_to(day: datetime.date):
    """The clock on `day` at noon in Madrid: the demo's today and Django's."""
    now = datetime.datetime.combine(day, datetime.time(12), tzinfo=MADRID)
    with (
        mock.patch("tools.demo.clock.today", return_value=day),
        mock.patch("django.utils.timezone.now", return_value=now),
    ):
        yield now


def assert_alive(day: datetime.date, now: datetime.datetime) -> None:
    alliances = Alliance.objects.all()
    in_force = alliances.active_on(day).exclude(
        pk__in=alliances.expiring_within(90, day)
    )
    assert in_force.exists()
    assert alliances.expiring_within(90, day).exists()
    assert alliances.with_status(Alliance.Status.UPCOMING, day=day).exists()
    expired = alliances.with_status(Alliance.Status.EXPIRED, day=day)
    assert expired.filter(extensions__isnull=False).exists()
    # The public fact stays as it was: the MoU of 15 July 2021 for three years.
    mou = Alliance.objects.get(slug="guangzhou-mou-2021")
    assert mou.ends_on == datetime.date(2024, 7, 14)
    assert_assemblies(day, now)
    assert_dues(day)
    recent = NewsPost.objects.published(now).filter(
        published_at__gte=now - datetime.timedelta(days=60)
    )
    assert recent.values("category").distinct().count() >= 3
    assert NewsPost.objects.scheduled(now).exists()
    seats = MemberCity.objects.on_board(day).with_current_roles(day)
    roles = {role for member in seats for role in member.current_roles}
    assert {BoardMandate.Role.PRESIDENT, BoardMandate.Role.TREASURER} <= roles


def assert_assemblies(day: datetime.date, now: datetime.datetime) -> None:
    """A General Assembly held last year, with quorum, the plan adopted and a
    Board meeting the same day; one convened ahead."""
    assemblies = Meeting.objects.filter(body=Meeting.Body.GENERAL_ASSEMBLY)
    held = assemblies.get(status=Meeting.Status.HELD, starts_at__year=day.year - 1)
    assert roll(held).has_quorum()
    adopted = Resolution.objects.filter(
        agenda_item__meeting=held, outcome=Resolution.Outcome.ADOPTED
    )
    assert adopted.filter(kind=Resolution.Kind.PLAN_ADOPTION).exists()
    assert Meeting.objects.get(body=Meeting.Body.BOARD, starts_at__date=held.day)
    coming = Meeting.objects.coming(now).filter(status=Meeting.Status.CONVENED)
    assert coming.filter(body=Meeting.Body.GENERAL_ASSEMBLY).exists()


def assert_dues(day: datetime.date) -> None:
    """Invoices of the year before last, last year and this year: at least
    one paid, one partly paid, one overdue."""
    invoices = Invoice.objects.with_status(day)
    for year in (day.year - 2, day.year - 1, day.year):
        assert invoices.filter(year=year).exists(), year
    statuses = set(invoices.values_list("status", flat=True))
    assert {
        Invoice.Status.PAID,
        Invoice.Status.PARTLY_PAID,
        Invoice.Status.OVERDUE,
    } <= statuses


TODAY = datetime.date(2026, 12, 1)


@pytest.mark.parametrize(
    "day",
    [
        TODAY,
        datetime.date(2027, 12, 1),
        datetime.date(2036, 12, 1),
        # The year before last is 2022: a grid carried back before 2023.
        datetime.date(2024, 3, 1),
    ],
    ids=["today", "a-year-on", "ten-years-on", "back-in-2024"],
)
def test_the_demo_loaded_fresh_is_alive(day):
    with moved_to(day) as now:
        load_demo()
        assert_alive(day, now)


def test_run_again_a_year_later_the_demo_is_alive_and_keeps_its_records():
    with moved_to(TODAY):
        load_demo()
        first = set(Alliance.objects.values_list("slug", "start_date"))
    later = datetime.date(2027, 12, 1)
    with moved_to(later) as now:
        load_demo()
        assert_alive(later, now)
        # What was created keeps its dates; what was missing is added.
        assert first <= set(Alliance.objects.values_list("slug", "start_date"))
        counts = row_counts()
        load_demo()
        assert row_counts() == counts


def test_illustrative_news_say_so_in_every_language():
    with moved_to(TODAY):
        load_demo()
    posts = NewsPost.objects.filter(slug__startswith="illustrative-")
    assert posts.count() == 6
    for post in posts:
        assert post.title_en.startswith("Illustrative")
        assert post.title_fr.startswith("Exemple") and post.title_es.startswith(
            "Ejemplo"
        )
        assert "not news of the association" in post.body_en


def test_a_person_edit_is_kept_and_reset_puts_it_back():
    with moved_to(TODAY):
        load_demo()
        post = NewsPost.objects.get(slug="illustrative-news-work-plan-2026-12-01")
        post.title = "Edited by the secretariat"
        post.save()
        load_demo()
        post.refresh_from_db()
        assert post.title == "Edited by the secretariat"
        load_demo("--reset")
        post.refresh_from_db()
        assert post.title == "Illustrative: the Board adopts its work plan"
