"""Fixtures of the news API tests: a category, the Guangzhou MoU, the reference
post and a proposal."""

import datetime

import pytest

from alliances.models import Alliance
from news.models import NewsPost
from tests import factories
from tests.news.api.utils import MADRID


@pytest.fixture
def urban_innovation():
    return factories.CategoryFactory(name="Urban Innovation", slug="urban-innovation")


@pytest.fixture
def mou(member):
    return factories.AllianceFactory(
        title="Alliance with Guangzhou",
        slug="guangzhou-mou",
        kind=Alliance.Kind.GRANTING_MEMBER,
        granting_member=member,
    )


@pytest.fixture
def post(urban_innovation, member, mou, editor):
    """The reference news post, published on 2 August 2021."""
    post = factories.NewsPostFactory(
        title="Metropolis and Guangzhou sign a strategic alliance",
        slug="guangzhou-alliance",
        category=urban_innovation,
        summary="A memorandum of understanding for three years.",
        body="Signed **virtually**.\n\n<script>alert('x')</script>",
        published_at=datetime.datetime(2021, 8, 2, 10, 0, tzinfo=MADRID),
        author=editor,
    )
    post.related_members.add(member)
    post.related_alliances.add(mou)
    return post


@pytest.fixture
def proposal(urban_innovation, member, liaison):
    """Guangzhou's post, waiting for review."""
    return factories.NewsPostFactory(
        title="Guangzhou proposes a forum",
        slug="guangzhou-forum",
        category=urban_innovation,
        status=NewsPost.Status.SUBMITTED,
        published_at=None,
        proposed_by=member,
        author=liaison,
    )
