"""`manage.py load_demo` run again: it creates what is missing, leaves alone what
a person has changed, and `--reset` puts the demo back."""

import datetime

import pytest
from django.core.management.base import CommandError

from alliances.models import PlanObjective
from members.models import BoardMandate, MemberCity
from news.models import NewsPost
from tests import factories
from tests.demo_utils import all_rows, load_demo, row_counts, tracked_models

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(demo):
    return NewsPost.objects.get(related_alliances__isnull=False)


def edit_join_year(city: MemberCity, year: int) -> None:
    """As a person does, in the admin, the portal or the API: a history row
    without the demo's reason."""
    city = MemberCity.objects.get(pk=city.pk)
    city.join_year = year
    city.save()


# -- a second run -------------------------------------------------------------------


def test_a_second_run_adds_no_row_to_any_table_or_history(demo):
    before = row_counts()
    load_demo()
    assert row_counts() == before


def test_a_second_run_changes_no_value(demo):
    before = all_rows()
    load_demo()
    assert all_rows() == before


def test_a_second_run_reports_nothing_created_or_updated(demo):
    assert "0 created, 0 updated" in load_demo()


def test_history_rows_carry_the_load_demo_reason(demo):
    history_models = [
        model for model in tracked_models() if model.__name__.startswith("Historical")
    ]
    reasons = {
        reason
        for model in history_models
        if hasattr(model, "history_change_reason")
        for reason in model.objects.values_list("history_change_reason", flat=True)
    }
    assert MemberCity.history.filter(slug="guangzhou").exists()
    assert reasons == {"load_demo"}


def test_a_clash_with_existing_data_loads_nothing():
    factories.BoardMandateFactory(
        role=BoardMandate.Role.PRESIDENT,
        start_date=datetime.date(2020, 1, 1),
        end_date=None,
    )
    counts = row_counts()
    with pytest.raises(CommandError, match="at most one President"):
        load_demo()
    assert row_counts() == counts


# -- a person's edits ------------------------------------------------------------


def test_a_rerun_keeps_a_persons_edit(guangzhou):
    edit_join_year(guangzhou, 2000)
    load_demo()
    guangzhou.refresh_from_db()
    assert guangzhou.join_year == 2000


def test_a_rerun_after_an_edit_writes_nothing(guangzhou):
    edit_join_year(guangzhou, 2000)
    before = all_rows()
    load_demo()
    assert all_rows() == before


def test_a_rerun_says_what_it_kept_and_how_to_restore_it(guangzhou):
    edit_join_year(guangzhou, 2000)
    output = load_demo()
    assert "0 created, 0 updated" in output
    assert "Left as a person changed them: 1 demo records" in output
    assert "load_demo --reset" in output


def test_a_rerun_keeps_a_persons_change_to_the_posts_links(post):
    NewsPost.objects.get(pk=post.pk).related_alliances.clear()
    load_demo()
    assert not post.related_alliances.exists()


def test_a_rerun_recreates_a_deleted_record(demo):
    PlanObjective.objects.filter(position=4).delete()
    load_demo()
    assert PlanObjective.objects.filter(position=4).exists()


def test_a_record_the_demo_wrote_last_follows_the_demo(guangzhou):
    # As if an older demo had written another figure: no history row of a person.
    MemberCity.objects.filter(pk=guangzhou.pk).update(join_year=2000)
    load_demo()
    guangzhou.refresh_from_db()
    assert guangzhou.join_year == 1993


# -- --reset --------------------------------------------------------------------------


def test_reset_restores_an_edited_fact_with_one_history_row(guangzhou):
    edit_join_year(guangzhou, 2000)
    history_rows = guangzhou.history.count()
    load_demo("--reset")
    guangzhou.refresh_from_db()
    assert guangzhou.join_year == 1993
    assert guangzhou.history.count() == history_rows + 1
    assert guangzhou.history.latest().history_change_reason == "load_demo"


def test_reset_restores_the_posts_links(post):
    NewsPost.objects.get(pk=post.pk).related_alliances.clear()
    load_demo("--reset")
    assert post.related_alliances.get().slug


def test_reset_recreates_a_deleted_record(post):
    NewsPost.objects.filter(pk=post.pk).delete()
    load_demo("--reset")
    assert NewsPost.objects.filter(slug=post.slug).exists()


def test_a_run_after_reset_changes_nothing(guangzhou):
    edit_join_year(guangzhou, 2000)
    load_demo("--reset")
    before = all_rows()
    assert "0 created, 0 updated" in load_demo()
    assert all_rows() == before
