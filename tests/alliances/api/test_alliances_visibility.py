"""The alliances API: who sees which alliance and which field."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from alliances.models import Alliance
from tests import factories
from tests.alliances.api.utils import ALLIANCES, detail_url, titles

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "sees_it"),
    [
        ("anonymous", False),
        ("read_key", False),
        ("write_key", True),
        ("liaison", True),  # Guangzhou's own draft
        ("other_liaison", False),
        ("editor", True),
    ],
)
def test_a_draft_is_seen_by_the_secretariat_and_its_city(
    client_as, mou, draft, persona, sees_it
):
    client = client_as(persona)

    detail = client.get(detail_url(draft))
    listed = titles(client.get(ALLIANCES))

    assert detail.status_code == (HTTPStatus.OK if sees_it else HTTPStatus.NOT_FOUND)
    assert ("Draft with Guangzhou" in listed) is sees_it
    assert "Alliance with Guangzhou" in listed
    if sees_it:
        assert detail.json()["status"] == "draft"
        assert detail.json()["end_date"] is None


def test_a_liaison_does_not_see_another_citys_draft(client_as, other_member):
    factories.AllianceFactory(
        slug="dakar-draft",
        kind=Alliance.Kind.GRANTING_MEMBER,
        granting_member=other_member,
        signed_on=None,
    )

    response = client_as("liaison").get(
        reverse("api:alliance-detail", args=["dakar-draft"])
    )

    assert response.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize(
    ("persona", "sees_notes"),
    [
        ("anonymous", False),
        ("read_key", False),
        ("write_key", True),
        ("liaison", True),  # liaison of Guangzhou, the granting member
        ("other_liaison", False),
        ("editor", True),
    ],
)
def test_internal_notes_go_to_the_secretariat_and_the_granting_city(
    client_as, mou, persona, sees_notes
):
    client = client_as(persona)

    detail = client.get(detail_url(mou)).json()
    row = client.get(ALLIANCES).json()["results"][0]

    assert ("internal_notes" in detail) is sees_notes
    assert ("internal_notes" in row) is sees_notes
    if sees_notes:
        assert detail["internal_notes"] == "Renewal talks planned for spring 2024."
