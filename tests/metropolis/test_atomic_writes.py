"""Every write that touches several rows is atomic: a failure half-way through
(the database connection lost after the first rows are written) leaves every
table, history and many-to-many tables included, exactly as it was.

A save of a model with history is itself two rows: the record and its
historical row. The failure is injected after some rows are written: most
often when simple-history writes its n-th historical row.
"""

import contextlib
import datetime
from http import HTTPStatus
from types import SimpleNamespace
from unittest import mock

import pytest
from django.apps import apps
from django.db import OperationalError
from django.urls import reverse
from rest_framework.test import APIClient
from simple_history.models import HistoricalRecords

from alliances.services import alliance_extend, plan_set_objectives
from members.models import LIAISON_EDITABLE_FIELDS
from news import services as news_services
from news.models import NewsPost
from news.services import (
    news_archive,
    news_propose,
    news_publish,
    news_resubmit,
    news_return,
)
from tests import factories
from tests.admin_utils import admin_url, changeform_data
from tools.demo.services import load_demo

pytestmark = pytest.mark.django_db

LOST = OperationalError("server closed the connection unexpectedly")


def database_state() -> dict[str, list[dict]]:
    """Every row of every table, history and many-to-many tables included."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
    }


class Calls:
    count = 0


@contextlib.contextmanager
def history_fails_after(rows: int):
    """The historical row after the first `rows` ones fails: the record it
    belongs to, and those `rows`, are written by then."""
    real = HistoricalRecords.create_historical_record
    calls = Calls()

    def create_historical_record(self, *args, **kwargs):
        calls.count += 1
        if calls.count > rows:
            raise LOST
        return real(self, *args, **kwargs)

    with mock.patch.object(
        HistoricalRecords, "create_historical_record", create_historical_record
    ):
        yield calls


def fails_on_second_call(real):
    """A side effect that lets the first call through and fails the second."""
    calls = Calls()

    def side_effect(*args, **kwargs):
        calls.count += 1
        if calls.count == 2:
            raise LOST
        return real(*args, **kwargs)

    return side_effect


@pytest.fixture
def editor_api(editor):
    client = APIClient()
    client.force_login(editor)
    return client


@pytest.fixture
def category():
    return factories.CategoryFactory(name="Urban Innovation", slug="urban-innovation")


@pytest.fixture
def alliance(member):
    return factories.AllianceFactory(
        slug="guangzhou-mou", granting=True, granting_member=member
    )


@pytest.fixture
def submitted(member, category):
    return factories.NewsPostFactory(
        proposed_by=member,
        category=category,
        status=NewsPost.Status.SUBMITTED,
        published_at=None,
    )


@pytest.fixture
def plan():
    plan = factories.StrategicActionPlanFactory(slug="sap-2021-2023")
    plan_set_objectives(plan=plan, objectives=["Advocacy", "Learning"])
    return plan


# Services ----------------------------------------------------------------------


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


# API ---------------------------------------------------------------------------


def test_an_api_create_failing_after_its_first_rows_leaves_nothing(editor_api):
    before = database_state()

    # The plan and its history are written; its objectives fail.
    with mock.patch(
        "alliances.services.PlanObjective.objects.bulk_create", side_effect=LOST
    ):
        response = editor_api.post(
            reverse("api:strategicactionplan-list"),
            {
                "title": "Strategic Action Plan 2024–2026",
                "slug": "sap-2024-2026",
                "first_year": 2024,
                "last_year": 2026,
                "objectives": ["Climate", "Housing"],
            },
        )

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert database_state() == before


def test_an_api_create_failing_while_answering_leaves_nothing(
    editor_api, member, category
):
    before = database_state()

    # The post, its history and its related members are all written by then.
    with mock.patch("core.api.viewsets.ResourceViewSet.read_back", side_effect=LOST):
        response = editor_api.post(
            reverse("api:newspost-list"),
            {
                "title": "Guangzhou hosts the forum",
                "slug": "guangzhou-forum",
                "category_slug": category.slug,
                "summary": "A forum.",
                "body": "Text.",
                "related_member_slugs": [member.slug],
            },
        )

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert database_state() == before


def test_an_api_update_failing_half_way_changes_nothing(editor_api, plan):
    before = database_state()

    with mock.patch(
        "alliances.services.PlanObjective.objects.bulk_create", side_effect=LOST
    ):
        response = editor_api.patch(
            reverse("api:strategicactionplan-detail", args=[plan.slug]),
            {"title": "A new title", "objectives": ["Climate"]},
        )

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert database_state() == before


def test_an_api_extension_failing_while_answering_leaves_nothing(editor_api, alliance):
    before = database_state()

    with mock.patch(
        "alliances.api.serializers.AllianceSerializer.to_representation",
        side_effect=LOST,
    ):
        response = editor_api.post(
            reverse("api:alliance-extend", args=[alliance.slug]),
            {"new_end_date": "2025-07-14", "agreed_on": "2024-06-01"},
        )

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert database_state() == before


def test_an_api_delete_failing_half_way_deletes_nothing(editor_api, plan):
    before = database_state()

    # The plan's objectives go first, each with a historical row.
    with history_fails_after(1) as calls:
        response = editor_api.delete(
            reverse("api:strategicactionplan-detail", args=[plan.slug])
        )

    assert calls.count == 2
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert database_state() == before


# Admin -------------------------------------------------------------------------


def test_an_admin_save_failing_on_an_inline_row_changes_nothing(editor_client, member):
    url = admin_url("members.membercity", "change", member.pk)
    data = changeform_data(editor_client.get(url))
    data.update(
        {
            "summary": "On the Pearl River.",
            "mandates-TOTAL_FORMS": 1,
            "mandates-0-role": "board_member",
            "mandates-0-start_date": "2020-01-01",
        }
    )
    before = database_state()

    # The city and its historical row are written; the mandate's history fails.
    with history_fails_after(1) as calls:
        response = editor_client.post(url, data)

    assert calls.count == 2
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert database_state() == before


@pytest.mark.parametrize(
    ("action", "service", "extra"),
    [
        ("publish_posts", "news_publish", {}),
        ("archive_posts", "news_archive", {}),
        ("return_posts", "news_return", {"apply": "1", "comment": "Add dates."}),
    ],
)
def test_an_admin_action_failing_on_its_second_post_changes_none(
    editor_client, member, category, action, service, extra
):
    posts = [
        factories.NewsPostFactory(
            proposed_by=member,
            category=category,
            status=NewsPost.Status.SUBMITTED,
            published_at=None,
        )
        for _ in range(2)
    ]
    before = database_state()

    with mock.patch(
        f"news.admin.{service}",
        side_effect=fails_on_second_call(getattr(news_services, service)),
    ):
        response = editor_client.post(
            admin_url("news.newspost", "changelist"),
            {"action": action, "_selected_action": [p.pk for p in posts], **extra},
        )

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert database_state() == before


def test_an_admin_revert_from_the_history_failing_half_way_changes_nothing(
    editor_client, submitted
):
    submitted.title = "A changed title"
    submitted.save()
    first = submitted.history.earliest()
    url = reverse(
        "admin:news_newspost_simple_history", args=[submitted.pk, first.history_id]
    )
    form = editor_client.get(url).context["adminform"]
    # The revert form has no inlines.
    data = changeform_data(
        SimpleNamespace(context={"adminform": form, "inline_admin_formsets": []})
    )
    before = database_state()

    # The post and its history are saved; the admin's log entry fails.
    with mock.patch("news.admin.NewsPostAdmin.log_change", side_effect=LOST):
        response = editor_client.post(url, data)

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert database_state() == before


# Portal ------------------------------------------------------------------------


def test_a_portal_proposal_failing_half_way_leaves_nothing(client, liaison, category):
    client.force_login(liaison)
    before = database_state()

    with history_fails_after(1) as calls:
        response = client.post(
            reverse("portal:proposal-create"),
            {
                "title": "Guangzhou hosts the forum",
                "category": category.pk,
                "summary": "A forum.",
                "body": "Text.",
            },
        )

    assert calls.count == 2
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert database_state() == before


def test_a_portal_profile_change_failing_after_the_city_is_saved_changes_nothing(
    client, liaison, member
):
    client.force_login(liaison)
    data = {
        name: "" if getattr(member, name) is None else getattr(member, name)
        for name in LIAISON_EDITABLE_FIELDS
    }
    before = database_state()

    with history_fails_after(0):
        response = client.post(
            reverse("portal:profile"), {**data, "summary": "On the Pearl River."}
        )

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert database_state() == before
