"""Fixtures of the stored-HTML tests: a renderer that must not run, a category."""

from unittest import mock

import pytest

from tests import factories


@pytest.fixture
def no_rendering():
    """Any call of the renderer fails: what passes renders nothing."""
    with mock.patch(
        "news.models.render_markdown", side_effect=AssertionError("rendered")
    ) as renderer:
        yield renderer


@pytest.fixture
def category():
    return factories.CategoryFactory(name="Urban Innovation", slug="urban-innovation")
