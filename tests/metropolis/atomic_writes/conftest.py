"""Fixtures of the atomic-write tests: a category, an alliance, a submitted post
and a plan."""

import pytest

from alliances.services import plan_set_objectives
from news.models import NewsPost
from tests import factories


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
