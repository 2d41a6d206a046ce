"""The demo stays alive whatever today is (issue 18): loaded fresh on today, a
year on and ten years on, or loaded once and run again a year later, it shows
an alliance in force and one ending within 90 days, an upcoming alliance, an
expired one with an extension, a General Assembly coming, an overdue invoice,
recent news and a scheduled post, and a board with current seats."""

import datetime
import zoneinfo
from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import connection

from alliances.models import Alliance
from dues.models import Invoice
from governance.models import Meeting
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
    assert (
        Meeting.objects.coming(now)
        .filter(body=Meeting.Body.GENERAL_ASSEMBLY, status=Meeting.Status.CONVENED)
        .exists()
    )
    assert (
        Invoice.objects.with_status(day).filter(status=Invoice.Status.OVERDUE).exists()
    )
    recent = NewsPost.objects.published(now).filter(
        published_at__gte=now - datetime.timedelta(days=60)
    )
    assert recent.values("category").distinct().count() >= 3
    assert NewsPost.objects.scheduled(now).exists()
    seats = MemberCity.objects.on_board(day).with_current_roles(day)
    roles = {role for member in seats for role in member.current_roles}
    assert {BoardMandate.Role.PRESIDENT, BoardMandate.Role.TREASURER} <= roles


TODAY = datetime.date(2026, 12, 1)


@pytest.mark.parametrize(
    "day",
    [TODAY, datetime.date(2027, 12, 1), datetime.date(2036, 12, 1)],
    ids=["today", "a-year-on", "ten-years-on"],
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
