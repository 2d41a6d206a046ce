"""The documents inline on the alliance's and the meeting's change pages:
uploads through the same service as the API, bad files refused at the field."""

from http import HTTPStatus

import pytest

from documents.models import Document, DocumentVersion
from tests.admin_utils import admin_url, changeform_data
from tests.documents.conftest import pdf_bytes, pdf_upload, stored_files, upload

pytestmark = pytest.mark.django_db


def _with_document(editor_client, url, file, public=False):
    data = changeform_data(editor_client.get(url))
    data["documents-TOTAL_FORMS"] = 1
    data["documents-0-file"] = file
    if public:
        data["documents-0-public"] = "on"
    return editor_client.post(url, data)


def test_editor_uploads_an_agreement(editor_client, alliance, editor):
    url = admin_url("alliances.alliance", "change", alliance.pk)

    response = _with_document(editor_client, url, pdf_upload("MoU.pdf"), public=True)

    assert response.status_code == HTTPStatus.FOUND
    version = DocumentVersion.objects.get()
    assert (version.document.alliance, version.document.kind) == (alliance, "agreement")
    assert version.document.public is True
    assert version.uploaded_by == editor
    assert len(stored_files()) == 1


def test_a_new_upload_is_the_next_version(editor_client, meeting):
    upload(meeting)
    url = admin_url("governance.meeting", "change", meeting.pk)
    data = changeform_data(editor_client.get(url))
    data["documents-0-file"] = pdf_upload("minutes-signed.pdf", pdf_bytes(width=90))

    response = editor_client.post(url, data)

    assert response.status_code == HTTPStatus.FOUND
    assert list(DocumentVersion.objects.values_list("number", flat=True)) == [2, 1]
    assert len(stored_files()) == 2


def test_a_bad_file_is_refused_at_its_field(editor_client, alliance):
    url = admin_url("alliances.alliance", "change", alliance.pk)

    response = _with_document(
        editor_client, url, pdf_upload("MoU.pdf", b"GIF89a not a pdf")
    )

    assert response.status_code == HTTPStatus.OK
    [formset] = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is Document
    ]
    assert "The file is not a PDF." in formset.forms[0].errors["file"]
    assert Document.objects.count() == 0
    assert stored_files() == []


def test_the_change_page_lists_the_versions(editor_client, alliance):
    version = upload(alliance, name="MoU.pdf")

    response = editor_client.get(admin_url("alliances.alliance", "change", alliance.pk))

    assert version.get_absolute_url() in response.content.decode()
    assert editor_client.get(version.get_absolute_url()).status_code == HTTPStatus.OK
