"""What an upload must be before anything is stored: a PDF (its magic bytes,
its end marker, and a parse by pypdf) no larger than
settings.DOCUMENTS_MAX_UPLOAD_SIZE, under a file name that is a plain name.

Each refusal is a ValidationError naming the field, "file".
"""

import hashlib
import logging
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

PDF_MAGIC = b"%PDF-"
# A complete PDF ends with %%EOF within its last kilobyte (ISO 32000-1, 7.5.5).
PDF_EOF = b"%%EOF"
EOF_WINDOW = 1024
MAX_NAME_LENGTH = 200
FIELD = "file"

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckedFile:
    name: str
    size: int
    sha256: str


def _refuse(message: str, code: str):
    return ValidationError({FIELD: ValidationError(message, code=code)})


def clean_file_name(name: str) -> str:
    """The uploader's file name as kept for the download: one plain name.

    Refused: a path (any / or \\, a name starting with a dot such as "..")
    and control or invisible formatting characters (a right-to-left override
    can disguise an extension). Kept: NFC-normalised, spaces collapsed, cut
    to 200 characters, ending in ".pdf".
    """
    name = unicodedata.normalize("NFC", name or "")
    if any(unicodedata.category(char).startswith("C") for char in name):
        raise _refuse(
            _("The file name contains control characters."), "file_name_control"
        )
    name = " ".join(name.split())
    if "/" in name or "\\" in name or name.startswith("."):
        raise _refuse(
            _("The file name must be a plain name, not a path."), "file_name_path"
        )
    if not name:
        raise _refuse(_("The file has no name."), "file_name_empty")
    stem = name[:-4] if name.lower().endswith(".pdf") else name
    return stem[: MAX_NAME_LENGTH - 4].rstrip() + ".pdf"


def _parses(upload: UploadedFile) -> str | None:
    """None if pypdf reads the page tree, else the refusal's message."""
    # Imported here: only uploads need the parser.
    from pypdf import PasswordType, PdfReader

    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            return _("The PDF is protected by a password: upload it without one.")
        if len(reader.pages) == 0:
            return _("The PDF has no page.")
    except Exception as exc:  # a hostile or damaged file: any parser error
        logger.info("PDF refused: %s: %s", type(exc).__name__, exc)
        return _("The PDF cannot be read: it is damaged.")
    return None


def check_upload(upload: UploadedFile) -> CheckedFile:
    """The checked facts of `upload`; raises ValidationError naming "file"."""
    name = clean_file_name(upload.name)
    limit = settings.DOCUMENTS_MAX_UPLOAD_SIZE
    size = upload.size or 0
    if size == 0:
        raise _refuse(_("The file is empty."), "empty")
    if size > limit:
        raise _refuse(
            _("The file is %(size)s; the largest accepted is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            "too_large",
        )
    upload.seek(0)
    if upload.read(len(PDF_MAGIC)) != PDF_MAGIC:
        raise _refuse(_("The file is not a PDF."), "not_pdf")
    upload.seek(max(0, size - EOF_WINDOW))
    if PDF_EOF not in upload.read():
        raise _refuse(
            _("The PDF is incomplete: its end is missing (a truncated upload?)."),
            "truncated",
        )
    problem = _parses(upload)
    if problem:
        raise _refuse(problem, "unreadable")
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(name=name, size=size, sha256=digest.hexdigest())
