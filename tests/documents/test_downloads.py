"""Who may download what: every persona, public or not, for an alliance's
agreement and a meeting's minutes; 404 (never 403) for the others."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from tests import factories
from tests.api_utils import (
    ANONYMOUS,
    EDITOR,
    OTHER_LIAISON,
    OWN_LIAISON,
    PERSONAS,
    READ_KEY,
    WRITE_KEY,
)
from tests.documents.conftest import pdf_bytes, upload

pytestmark = pytest.mark.django_db

OK, NOT_FOUND = HTTPStatus.OK, HTTPStatus.NOT_FOUND
SECRETARIAT = {EDITOR, WRITE_KEY}

# (subject, public) -> the personas who may download.
MAY_DOWNLOAD = {
    ("alliance", False): SECRETARIAT | {OWN_LIAISON},
    ("meeting", False): SECRETARIAT | {OWN_LIAISON, OTHER_LIAISON},
    ("alliance", True): set(PERSONAS),
    ("meeting", True): set(PERSONAS),
}
CASES = [
    (subject, public, persona)
    for (subject, public) in MAY_DOWNLOAD
    for persona in PERSONAS
]


@pytest.fixture
def subjects(alliance, meeting, other_liaison):
    return {"alliance": alliance, "meeting": meeting}


def _api_url(version):
    return reverse(
        "api:document-version-download",
        kwargs={"pk": version.document_id, "number": version.number},
    )


@pytest.mark.parametrize(("subject", "public", "persona"), CASES)
def test_api_download_per_persona(subjects, api_as, subject, public, persona):
    content = pdf_bytes(width=321)
    version = upload(subjects[subject], public=public, content=content)

    response = api_as(persona).get(_api_url(version))

    allowed = persona in MAY_DOWNLOAD[(subject, public)]
    assert response.status_code == (OK if allowed else NOT_FOUND)
    if allowed:
        assert b"".join(response.streaming_content) == content
    else:
        assert response.json()["code"] == "not_found"


SITE_PERSONAS = [ANONYMOUS, OWN_LIAISON, OTHER_LIAISON, EDITOR]
SITE_USERS = {OWN_LIAISON: "liaison", OTHER_LIAISON: "other_liaison", EDITOR: "editor"}


@pytest.mark.parametrize(
    ("subject", "public", "persona"),
    [case for case in CASES if case[2] in SITE_PERSONAS],
)
def test_site_download_per_persona(request, client, subjects, subject, public, persona):
    version = upload(subjects[subject], public=public)
    if persona in SITE_USERS:
        client.force_login(request.getfixturevalue(SITE_USERS[persona]))

    response = client.get(version.get_absolute_url())

    allowed = persona in MAY_DOWNLOAD[(subject, public)]
    assert response.status_code == (OK if allowed else NOT_FOUND)


@pytest.mark.parametrize("persona", [READ_KEY, OWN_LIAISON])
def test_public_document_of_a_draft_alliance_stays_hidden(api_as, member, persona):
    """A draft belongs to the secretariat (and its granting member's liaisons):
    marking its agreement public shows it to no one else."""
    draft = factories.AllianceFactory(slug="draft", signed_on=None, granting=True)
    version = upload(draft, public=True)

    assert api_as(persona).get(_api_url(version)).status_code == NOT_FOUND
    assert api_as(EDITOR).get(_api_url(version)).status_code == OK


def test_minutes_of_a_planned_meeting_are_the_secretariats(
    api_as, planned_meeting, liaison
):
    version = upload(planned_meeting, public=True)

    assert api_as(ANONYMOUS).get(_api_url(version)).status_code == NOT_FOUND
    assert api_as(OWN_LIAISON).get(_api_url(version)).status_code == NOT_FOUND
    assert api_as(WRITE_KEY).get(_api_url(version)).status_code == OK


def test_download_headers(api_as, alliance):
    version = upload(alliance, public=True, name="MoU Guangzhou 2021.pdf")

    for response in (
        api_as(ANONYMOUS).get(_api_url(version), HTTP_ACCEPT="application/pdf"),
        api_as(ANONYMOUS).get(
            reverse("api:document-download", kwargs={"pk": version.document_id})
        ),
    ):
        assert response.status_code == OK
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert (
            response["Content-Disposition"]
            == 'attachment; filename="MoU Guangzhou 2021.pdf"'
        )
        assert "no-store" in response["Cache-Control"]


def test_site_download_headers_name_a_non_ascii_file(client, meeting):
    version = upload(meeting, public=True, name="Acta Asamblea General — 2026.pdf")

    response = client.get(version.get_absolute_url())

    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    assert (
        "Acta%20Asamblea%20General%20%E2%80%94%202026.pdf"
        in (response["Content-Disposition"])
    )


def test_unknown_version_is_404(api_as, alliance):
    version = upload(alliance, public=True)
    url = reverse(
        "api:document-version-download",
        kwargs={"pk": version.document_id, "number": 2},
    )

    assert api_as(EDITOR).get(url).status_code == NOT_FOUND
