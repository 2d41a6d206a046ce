"""Portal fixtures: a proposal of each city, a plain user, logged-in clients."""

import pytest

from news.models import NewsPost
from tests import factories


def proposal(member, **kwargs) -> NewsPost:
    """A post `member` proposed, awaiting review unless told otherwise."""
    kwargs.setdefault("status", NewsPost.Status.SUBMITTED)
    kwargs.setdefault("published_at", None)
    return factories.NewsPostFactory(proposed_by=member, **kwargs)


@pytest.fixture
def plain_user():
    """Logged in, but neither a liaison nor staff."""
    return factories.UserFactory(username="plain")


@pytest.fixture
def returned(member):
    """A proposal of `member` the editors sent back with a comment."""
    return proposal(
        member,
        title="Guangzhou hosts the forum",
        status=NewsPost.Status.DRAFT,
        review_comment="Please add the dates of the forum.",
    )
