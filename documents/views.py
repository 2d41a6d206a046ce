"""Downloads on the site (a logged-in person's session): a version, or the
latest one. 404, never 403, for a document the viewer may not see."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from documents.models import Document, DocumentVersion
from documents.serving import latest_version, version_response
from members.viewers import get_viewer


def _versions(request, pk: int):
    if not Document.objects.visible_to(get_viewer(request)).filter(pk=pk).exists():
        raise Http404
    return DocumentVersion.objects.filter(document_id=pk)


def download(request, pk: int, number: int):
    return version_response(get_object_or_404(_versions(request, pk), number=number))


def download_latest(request, pk: int):
    return version_response(latest_version(_versions(request, pk)))
