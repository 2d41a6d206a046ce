"""A document version as a download: the one response both the site's and
the API's download views send, after their permission check."""

import logging

from django.http import FileResponse, Http404

from documents.models import DocumentVersion

logger = logging.getLogger(__name__)


def version_response(version: DocumentVersion) -> FileResponse:
    """The file as an attachment, typed as PDF and never sniffed, never kept
    by a shared cache."""
    try:
        handle = version.file.storage.open(version.file.name, "rb")
    except FileNotFoundError:
        logger.error("Document file missing from the storage: %s", version.file.name)
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=version.original_name,
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def latest_version(queryset) -> DocumentVersion:
    version = queryset.order_by("-number").first()
    if version is None:
        raise Http404
    return version
