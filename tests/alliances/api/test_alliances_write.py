"""The alliances API: creating, changing and deleting alliances."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from alliances.models import Alliance
from tests.alliances.api.utils import ALLIANCES, D, detail_url, errors

pytestmark = pytest.mark.django_db


def new_alliance(**changes) -> dict:
    return {
        "title": "Alliance with Montevideo",
        "slug": "montevideo",
        "kind": "granting_member",
        "granting_member_slug": "guangzhou",
        "counterpart": "Intendencia de Montevideo",
        "signed_on": "2024-03-01",
        "signing_format": "in_person",
        "start_date": "2024-03-01",
        "term_years": 2,
        "plan_slug": "sap-2021-2023",
        "internal_notes": "Signed at the congress.",
        **changes,
    }


def test_a_writer_creates_an_alliance(writer, key_owner, june_1, member, plan, bickart):
    response = writer.post(ALLIANCES, new_alliance(contact_id=bickart.pk))

    assert response.status_code == HTTPStatus.CREATED, response.content
    data = response.json()
    assert data["end_date"] == "2026-02-28"
    assert data["status"] == "active"
    assert data["contact"]["name"] == "Agnès Charlotte Bickart"
    assert data["internal_notes"] == "Signed at the congress."
    assert response["Location"].endswith(
        reverse("api:alliance-detail", args=["montevideo"])
    )
    alliance = Alliance.objects.get(slug="montevideo")
    assert alliance.granting_member == member
    assert alliance.plan == plan
    assert alliance.history.latest().history_user == key_owner


def test_an_editor_changes_an_alliance_in_the_history(editor_api, editor, mou):
    response = editor_api.patch(detail_url(mou), {"terminated_on": "2023-12-31"})

    assert response.status_code == HTTPStatus.OK, response.content
    assert response.json()["status"] == "terminated"
    mou.refresh_from_db()
    assert mou.terminated_on == D(2023, 12, 31)
    assert mou.history.latest().history_user == editor


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"granting_member_slug": None}, "granting_member"),
        ({"kind": "partner"}, "granting_member"),
        ({"granting_member_slug": "atlantis"}, "granting_member_slug"),
        ({"granting_member_slug": "guang\x00zhou"}, "granting_member_slug"),
        ({"plan_slug": "no-such-plan"}, "plan_slug"),
        ({"plan_slug": "sap-2021-2023\x00"}, "plan_slug"),
        ({"contact_id": 999_999}, "contact_id"),
        ({"term_years": None}, "term_years"),
        ({"term_years": 0}, "term_years"),
        ({"term_years": 9000}, "term_years"),
        ({"start_date": None}, "start_date"),
        ({"terminated_on": "2024-01-01", "start_date": "2024-03-01"}, "terminated_on"),
        ({"kind": "treaty"}, "kind"),
        ({"signed_on": "yesterday"}, "signed_on"),
        ({"slug": "guangzhou"}, "slug"),
        ({"title": ""}, "title"),
    ],
)
def test_an_invalid_alliance_is_refused_naming_the_field(writer, mou, changes, field):
    response = writer.post(ALLIANCES, new_alliance(**changes))

    assert field in errors(response)
    assert response.json()["status"] == HTTPStatus.BAD_REQUEST
    assert not Alliance.objects.filter(title="Alliance with Montevideo").exists()


def test_an_invalid_change_leaves_the_alliance_as_it_was(writer, mou):
    response = writer.patch(detail_url(mou), {"kind": "partner", "summary": "New."})

    assert "granting_member" in errors(response)
    mou.refresh_from_db()
    assert (mou.kind, mou.summary) == ("granting_member", "Urban innovation.")
    assert mou.history.count() == 1


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", HTTPStatus.UNAUTHORIZED),
        ("read_key", HTTPStatus.FORBIDDEN),
        ("liaison", HTTPStatus.FORBIDDEN),
        ("other_liaison", HTTPStatus.FORBIDDEN),
    ],
)
def test_only_the_secretariat_writes_alliances(client_as, mou, persona, status):
    client = client_as(persona)

    created = client.post(ALLIANCES, new_alliance(slug="other"))
    changed = client.patch(detail_url(mou), {"summary": "Changed."})
    deleted = client.delete(detail_url(mou))

    assert (created.status_code, changed.status_code, deleted.status_code) == (
        status,
        status,
        status,
    )
    mou.refresh_from_db()
    assert mou.summary == "Urban innovation."
    assert Alliance.objects.count() == 1


def test_a_writer_deletes_an_alliance(writer, mou):
    response = writer.delete(detail_url(mou))

    assert response.status_code == HTTPStatus.NO_CONTENT
    assert not Alliance.objects.exists()
