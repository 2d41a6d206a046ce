"""Documents' fixtures: a granting alliance of Guangzhou, a held meeting, PDF
files, and the storage folder emptied around each test."""

import io
from pathlib import Path

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from alliances.models import Alliance
from documents.services import document_upload
from governance.models import Meeting
from tests import factories
from tests.governance.utils import make_meeting


def pdf_bytes(pages: int = 1, width: int = 200) -> bytes:
    """A small, valid PDF; `width` makes two files differ."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=width, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_upload(name: str = "agreement.pdf", content: bytes | None = None):
    return SimpleUploadedFile(
        name, pdf_bytes() if content is None else content, "application/pdf"
    )


def stored_files() -> list[Path]:
    root = Path(storages["documents"].location)
    return [path for path in root.rglob("*") if path.is_file()]


@pytest.fixture(autouse=True)
def _empty_storage():
    root = Path(storages["documents"].location)
    for path in stored_files():
        path.unlink()
    yield root
    for path in stored_files():
        path.unlink()


@pytest.fixture
def alliance(member):
    """Guangzhou grants it: its liaison (`liaison`) is concerned."""
    return factories.AllianceFactory(
        title="Guangzhou Foreign Affairs Office",
        slug="guangzhou-fao",
        kind=Alliance.Kind.GRANTING_MEMBER,
        granting_member=member,
    )


@pytest.fixture
def meeting():
    return make_meeting()


def upload(subject, *, public=None, content=None, name="document.pdf", by=None):
    return document_upload(
        subject=subject, upload=pdf_upload(name, content), public=public, by=by
    )


@pytest.fixture
def planned_meeting():
    return make_meeting(
        title="Board 2027",
        slug="board-2027",
        status=Meeting.Status.PLANNED,
        convened_on=None,
    )
