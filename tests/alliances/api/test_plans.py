"""The strategic action plans API: reads, writes and filters."""

from http import HTTPStatus

import pytest

from alliances.models import StrategicActionPlan
from tests import factories
from tests.alliances.api.utils import PLANS, errors, plan_url, titles

pytestmark = pytest.mark.django_db


def test_a_plan_shows_its_objectives_in_order(api, plan, mou):
    data = api.get(plan_url(plan)).json()

    assert data["title"] == "Strategic Action Plan 2021–2023"
    assert (data["first_year"], data["last_year"]) == (2021, 2023)
    assert data["objectives"] == ["Advocacy", "Learning", "Services"]
    assert data["alliance_count"] == 1


@pytest.mark.parametrize(
    ("persona", "count"),
    [
        ("anonymous", 1),
        ("read_key", 1),
        ("liaison", 2),
        ("other_liaison", 1),
        ("editor", 2),
    ],
)
def test_a_plan_counts_the_alliances_the_caller_may_read(
    client_as, plan, mou, draft, persona, count
):
    draft.plan = plan
    draft.save()

    data = client_as(persona).get(plan_url(plan)).json()

    assert data["alliance_count"] == count


def new_plan(**changes) -> dict:
    return {
        "title": "Strategic Action Plan 2024–2026",
        "slug": "sap-2024-2026",
        "first_year": 2024,
        "last_year": 2026,
        "summary": "The next three years.",
        "objectives": ["Climate", "Housing"],
        **changes,
    }


def test_a_writer_creates_a_plan_with_its_objectives(writer):
    response = writer.post(PLANS, new_plan())

    assert response.status_code == HTTPStatus.CREATED, response.content
    assert response.json()["objectives"] == ["Climate", "Housing"]
    plan = StrategicActionPlan.objects.get(slug="sap-2024-2026")
    assert [(o.position, o.text) for o in plan.objectives.all()] == [
        (1, "Climate"),
        (2, "Housing"),
    ]


def test_sending_objectives_replaces_them(writer, plan):
    response = writer.patch(plan_url(plan), {"objectives": ["Learning", "Advocacy"]})

    assert response.status_code == HTTPStatus.OK, response.content
    assert response.json()["objectives"] == ["Learning", "Advocacy"]
    assert list(plan.objectives.values_list("text", flat=True)) == [
        "Learning",
        "Advocacy",
    ]


def test_changing_a_plan_without_objectives_keeps_them(writer, plan):
    response = writer.patch(plan_url(plan), {"summary": "Three years."})

    assert response.json()["objectives"] == ["Advocacy", "Learning", "Services"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"last_year": 2020}, "last_year"),
        ({"objectives": ["Climate", ""]}, "objectives"),
        ({"objectives": "Climate"}, "objectives"),
        ({"objectives": [1, 2]}, "objectives"),
        ({"slug": "sap-2021-2023"}, "slug"),
    ],
)
def test_an_invalid_plan_is_refused_and_nothing_is_written(
    writer, plan, changes, field
):
    response = writer.post(PLANS, new_plan(**changes))

    assert field in errors(response)
    assert StrategicActionPlan.objects.count() == 1
    assert plan.objectives.count() == 3


def test_a_blank_objective_is_refused_by_its_number(writer):
    response = writer.post(PLANS, new_plan(objectives=["Climate", ""]))

    assert errors(response)["objectives"] == [
        "Objective 2: This field may not be blank."
    ]


def test_an_invalid_plan_change_keeps_its_objectives(writer, plan):
    response = writer.put(
        plan_url(plan), new_plan(slug=plan.slug, first_year=2030, objectives=["X"])
    )

    assert "last_year" in errors(response)
    assert list(plan.objectives.values_list("text", flat=True)) == [
        "Advocacy",
        "Learning",
        "Services",
    ]


def test_a_plan_served_by_alliances_cannot_be_deleted(writer, plan, mou):
    response = writer.delete(plan_url(plan))

    assert response.status_code == HTTPStatus.CONFLICT
    assert StrategicActionPlan.objects.filter(pk=plan.pk).exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", HTTPStatus.UNAUTHORIZED),
        ("read_key", HTTPStatus.FORBIDDEN),
        ("liaison", HTTPStatus.FORBIDDEN),
    ],
)
def test_only_the_secretariat_writes_plans(client_as, plan, persona, status):
    client = client_as(persona)

    assert client.post(PLANS, new_plan()).status_code == status
    assert client.patch(plan_url(plan), {"objectives": []}).status_code == status
    assert plan.objectives.count() == 3


@pytest.fixture
def plans(plan):
    factories.StrategicActionPlanFactory(
        title="Strategic Action Plan 2018–2020",
        slug="sap-2018-2020",
        first_year=2018,
        last_year=2020,
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["Strategic Action Plan 2021–2023", "Strategic Action Plan 2018–2020"]),
        ({"year": 2020}, ["Strategic Action Plan 2018–2020"]),
        ({"year": 2022}, ["Strategic Action Plan 2021–2023"]),
        ({"search": "2018"}, ["Strategic Action Plan 2018–2020"]),
        (
            {"ordering": "first_year"},
            ["Strategic Action Plan 2018–2020", "Strategic Action Plan 2021–2023"],
        ),
    ],
)
def test_plans_filter_search_and_order(api, plans, query, expected):
    assert titles(api.get(PLANS, query)) == expected


def test_a_bad_plan_filter_value_is_400(api, plans):
    assert "year" in errors(api.get(PLANS, {"year": "2021.5"}))
