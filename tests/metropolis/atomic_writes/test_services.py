"""Atomic writes: the services."""

import datetime
from unittest import mock

import pytest
from django.db import OperationalError

from alliances.services import alliance_extend, plan_set_objectives
from news.models import NewsPost
from news.services import (
    news_archive,
    news_propose,
    news_publish,
    news_resubmit,
    news_return,
)
from tests import factories
from tests.metropolis.atomic_writes.utils import (
    LOST,
    database_state,
    history_fails_after,
)
from tools.demo.services import load_demo

pytestmark = pytest.mark.django_db


def test_a_proposal_failing_after_its_post_is_written_leaves_nothing(
    member, liaison, category, alliance
):
    before = database_state()

    # The post, its history and its related member are written by then.
    with (
        mock.patch("news.services._city_alliances", side_effect=LOST),
        pytest.raises(OperationalError),
    ):
        news_propose(
            member=member,
            author=liaison,
            data={
                "title": "Guangzhou hosts the forum",
                "category": category,
                "summary": "A forum.",
                "body": "Text.",
                "related_alliances": [alliance],
            },
        )

    assert database_state() == before


def test_a_resubmission_failing_half_way_changes_nothing(
    member, liaison, category, alliance
):
    post = factories.NewsPostFactory(
        proposed_by=member,
        category=category,
        status=NewsPost.Status.DRAFT,
        published_at=None,
    )
    before = database_state()

    with (
        mock.patch("news.services._city_alliances", side_effect=LOST),
        pytest.raises(OperationalError),
    ):
        news_resubmit(
            post=post,
            by=liaison,
            data={"title": "A better title", "related_alliances": [alliance]},
        )

    assert database_state() == before


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda post, by: news_publish(post=post, by=by), id="publish"),
        pytest.param(lambda post, by: news_archive(post=post, by=by), id="archive"),
        pytest.param(
            lambda post, by: news_return(post=post, by=by, comment="Add dates."),
            id="return",
        ),
    ],
)
def test_a_review_step_failing_after_the_post_is_saved_changes_nothing(
    submitted, editor, write
):
    before = database_state()

    with history_fails_after(0), pytest.raises(OperationalError):
        write(submitted, editor)

    assert database_state() == before


def test_replacing_objectives_failing_after_the_old_ones_are_deleted_keeps_them(
    plan,
):
    before = database_state()

    with (
        mock.patch(
            "alliances.services.PlanObjective.objects.bulk_create", side_effect=LOST
        ),
        pytest.raises(OperationalError),
    ):
        plan_set_objectives(plan=plan, objectives=["Climate"])

    assert database_state() == before


def test_an_extension_failing_after_it_is_written_leaves_nothing(alliance):
    before = database_state()

    with history_fails_after(0), pytest.raises(OperationalError):
        alliance_extend(
            alliance=alliance,
            new_end_date=datetime.date(2025, 7, 14),
            agreed_on=datetime.date(2024, 6, 1),
        )

    assert database_state() == before


def test_demo_data_failing_half_way_leaves_nothing():
    before = database_state()

    with history_fails_after(10) as calls, pytest.raises(OperationalError):
        load_demo()

    assert calls.count == 11
    assert database_state() == before
