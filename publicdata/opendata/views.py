"""/open-data/: a page describing the files, the files themselves (streamed)
and datapackage.json. The files are public: whoever asks gets what an
anonymous visitor sees."""

import hashlib

from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import condition, require_safe
from django.views.generic import TemplateView

from core.counts import versions_key
from publicdata.opendata.datasets import LICENSE
from publicdata.opendata.files import FILES, datapackage


def file_etag(request, filename: str) -> str | None:
    """The versions of the tables the file reads (one small query), the
    day (an alliance's status changes with it), the host and the language
    (the members' page addresses): no ETag where a table has no version."""
    file = FILES.get(filename)
    if file is None:
        return None
    versions = versions_key(file.dataset.tables)
    if versions is None:
        return None
    key = ":".join(
        [
            filename,
            versions,
            str(timezone.localdate()),
            request.get_host(),
            get_language() or "",
        ]
    )
    return hashlib.sha256(key.encode()).hexdigest()[:32]


@require_safe
@condition(etag_func=file_etag)
def data_file(request, filename: str):
    """One file, streamed: one query read in chunks, whatever its size."""
    file = FILES.get(filename)
    if file is None:
        raise Http404
    response = StreamingHttpResponse(
        (piece.encode() for piece in file.lines(file.dataset, request)),
        content_type=file.content_type,
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_safe
def datapackage_json(request):
    response = JsonResponse(
        datapackage(), json_dumps_params={"indent": 2, "ensure_ascii": False}
    )
    response["Content-Disposition"] = 'inline; filename="datapackage.json"'
    return response


class OpenDataView(TemplateView):
    """What the files hold, their columns and their licence."""

    template_name = "publicdata/open_data.html"
    extra_context = {"section": "open-data"}

    def get_context_data(self, **kwargs):
        package = datapackage()
        return super().get_context_data(
            resources=package["resources"],
            license=LICENSE,
            **kwargs,
        )
