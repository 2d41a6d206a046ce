"""Uploads through the API (the secretariat only): versions kept, bad files
refused naming the field with nothing stored, neither row nor file."""

import hashlib
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import Document, DocumentVersion
from documents.services import document_upload
from tests.api_utils import EDITOR, OTHER_LIAISON, OWN_LIAISON, READ_KEY, WRITE_KEY
from tests.documents.conftest import pdf_bytes, pdf_upload, stored_files

pytestmark = pytest.mark.django_db


def _url(alliance):
    return reverse("api:alliance-documents", kwargs={"slug": alliance.slug})


def _post(client, url, upload, **data):
    return client.post(url, {"file": upload, **data}, format="multipart")


def _nothing_stored():
    assert Document.objects.count() == 0
    assert DocumentVersion.objects.count() == 0
    assert stored_files() == []


@pytest.mark.parametrize("persona", [WRITE_KEY, EDITOR])
def test_secretariat_uploads_the_first_version(api_as, alliance, persona, editor):
    content = pdf_bytes()

    response = _post(api_as(persona), _url(alliance), pdf_upload("MoU.pdf", content))

    assert response.status_code == HTTPStatus.CREATED
    body = response.json()
    assert body["kind"] == "agreement"
    assert body["public"] is False
    [version] = body["versions"]
    assert version["number"] == 1
    assert version["name"] == "MoU.pdf"
    assert version["size"] == len(content)
    assert version["sha256"] == hashlib.sha256(content).hexdigest()
    assert len(stored_files()) == 1


@pytest.mark.parametrize("persona", [READ_KEY, OWN_LIAISON, OTHER_LIAISON])
def test_others_may_not_upload(api_as, alliance, persona):
    response = _post(api_as(persona), _url(alliance), pdf_upload())

    assert response.status_code == HTTPStatus.FORBIDDEN
    _nothing_stored()


def test_second_upload_is_version_2_and_version_1_stays(api_as, alliance):
    client = api_as(WRITE_KEY)
    first, second = pdf_bytes(width=100), pdf_bytes(width=300)
    _post(client, _url(alliance), pdf_upload("draft.pdf", first))

    response = _post(client, _url(alliance), pdf_upload("signed.pdf", second))

    assert response.status_code == HTTPStatus.CREATED
    versions = response.json()["versions"]
    assert [(v["number"], v["name"]) for v in versions] == [
        (2, "signed.pdf"),
        (1, "draft.pdf"),
    ]
    assert len(stored_files()) == 2
    downloads = {v["number"]: client.get(v["download"]) for v in versions}
    assert b"".join(downloads[1].streaming_content) == first
    assert b"".join(downloads[2].streaming_content) == second
    latest = client.get(response.json()["download"])
    assert b"".join(latest.streaming_content) == second


def test_public_flag_set_by_an_upload_and_kept_by_the_next(api_as, alliance):
    client = api_as(WRITE_KEY)
    _post(client, _url(alliance), pdf_upload(), public="true")

    response = _post(client, _url(alliance), pdf_upload())

    assert response.json()["public"] is True
    assert Document.objects.get().public is True


def test_a_meeting_gets_its_minutes(api_as, meeting):
    url = reverse("api:meeting-documents", kwargs={"slug": meeting.slug})

    response = _post(api_as(EDITOR), url, pdf_upload("minutes.pdf"))

    assert response.status_code == HTTPStatus.CREATED
    assert response.json()["kind"] == "minutes"


def test_a_kind_that_does_not_fit_is_refused(api_as, meeting):
    url = reverse("api:meeting-documents", kwargs={"slug": meeting.slug})

    response = _post(api_as(EDITOR), url, pdf_upload(), kind="agreement")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "kind" in response.json()["errors"]
    _nothing_stored()


def _truncated() -> bytes:
    content = pdf_bytes()
    return content[: len(content) // 2]


BAD_FILES = {
    "not a PDF": (b"<html><script>alert(1)</script></html>", "not a PDF"),
    "renamed image": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "not a PDF"),
    "truncated": (_truncated(), "incomplete"),
    "only the header": (b"%PDF-1.7\n%%EOF\n", "cannot be read"),
    "empty": (b"", "empty"),
}


@pytest.mark.parametrize("bad", list(BAD_FILES))
def test_bad_file_refused_naming_the_field(api_as, alliance, bad):
    content, message = BAD_FILES[bad]

    response = _post(api_as(WRITE_KEY), _url(alliance), pdf_upload("x.pdf", content))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    errors = response.json()["errors"]
    assert list(errors) == ["file"]
    assert message in errors["file"][0]
    _nothing_stored()


def test_oversize_file_refused(api_as, alliance, settings):
    content = pdf_bytes(pages=3)
    settings.DOCUMENTS_MAX_UPLOAD_SIZE = len(content) - 1

    response = _post(api_as(WRITE_KEY), _url(alliance), pdf_upload("x.pdf", content))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "the largest accepted is" in response.json()["errors"]["file"][0]
    _nothing_stored()


def test_a_bad_second_version_leaves_the_first_alone(api_as, alliance):
    client = api_as(WRITE_KEY)
    _post(client, _url(alliance), pdf_upload())

    response = _post(client, _url(alliance), pdf_upload("x.pdf", _truncated()))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(DocumentVersion.objects.values_list("number", flat=True)) == [1]
    assert len(stored_files()) == 1


@pytest.mark.parametrize(
    "name",
    [
        "..\\..\\settings.pdf",
        "../../etc/passwd.pdf",
        "..",
        ".hidden.pdf",
        "minutes\x00.pdf",
        "minutes\n.pdf",
        "evil\u202efdp.exe",
    ],
)
def test_path_or_control_characters_in_the_name_refused(alliance, editor, name):
    upload = SimpleUploadedFile("x.pdf", pdf_bytes(), "application/pdf")
    # The name as a client could send it, before any framework cleans it.
    upload._name = name

    with pytest.raises(ValidationError) as refused:
        document_upload(subject=alliance, upload=upload, by=editor)

    assert list(refused.value.message_dict) == ["file"]
    _nothing_stored()


def test_a_path_sent_over_http_never_leaves_the_storage(api_as, alliance):
    """Django's multipart parser keeps the last part of a path; the stored
    name is never the client's anyway."""
    response = _post(
        api_as(WRITE_KEY), _url(alliance), pdf_upload("../../../../tmp/evil.pdf")
    )

    assert response.status_code == HTTPStatus.CREATED
    assert response.json()["versions"][0]["name"] == "evil.pdf"
    [stored] = stored_files()
    assert stored.name.startswith("v1-")
    assert "evil" not in str(stored)


def test_name_sanitised(alliance, editor):
    version = document_upload(
        subject=alliance, upload=pdf_upload("  Signed   MoU  "), by=editor
    )

    assert version.original_name == "Signed MoU.pdf"
    assert version.uploaded_by == editor
