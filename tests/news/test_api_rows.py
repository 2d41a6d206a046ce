"""The post list is built by news.api.rows.post_rows(): for every persona,
exactly what the general serializer (NewsPostSerializer) gives for the same
page of posts, the author (a confidential field) included or absent alike."""

import datetime
import json
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.utils.encoders import JSONEncoder

from news.models import NewsPost
from tests import factories

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "read_key", "write_key", "liaison", "other_liaison", "editor"]


@pytest.fixture
def posts(member, other_member, editor):
    """Several posts that differ in every way the representation can."""
    alliance = factories.AllianceFactory(title="Water")
    first = factories.NewsPostFactory(author=editor, title="First")
    first.related_members.set([member, other_member])
    first.related_alliances.set([alliance])
    factories.NewsPostFactory(
        category=first.category,
        published_at=timezone.now() - datetime.timedelta(days=400),
    )
    factories.NewsPostFactory(
        title="Proposal",
        status=NewsPost.Status.SUBMITTED,
        published_at=None,
        proposed_by=member,
    )
    factories.NewsPostFactory(
        status=NewsPost.Status.PUBLISHED,
        published_at=timezone.now() + datetime.timedelta(days=2),  # not yet
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_post_list_rows_equal_the_serializer(client_as, posts, persona):
    response = client_as(persona).get(reverse("api:newspost-list"), {"page_size": 100})

    assert response.status_code == HTTPStatus.OK
    view = response.renderer_context["view"]
    shown = list(view.filter_queryset(view.get_queryset()))
    expected = view.get_serializer(shown, many=True).data
    expected = json.loads(json.dumps(expected, cls=JSONEncoder))
    rows = response.json()["results"]
    assert len(rows) >= 2
    assert rows == expected
    assert [list(row) for row in rows] == [list(row) for row in expected]
    assert ("author" in rows[0]) == (persona in ("write_key", "editor"))
    assert any(row["related_members"] and row["related_alliances"] for row in rows)
