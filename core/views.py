from http import HTTPStatus

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.middleware import csrf
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.api.errors import error_body


@never_cache
@require_safe
def healthz(request):
    """200 while the database answers a query, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse(
            {"status": "unavailable", "database": "down"},
            status=HTTPStatus.SERVICE_UNAVAILABLE,
        )
    return JsonResponse({"status": "ok", "database": "up"})


API_PREFIX = "/api/"


def server_error(request):
    """The 500 answer (handler500), after Django has logged the error: under
    /api/ the API's JSON error body, whatever failed (a RecursionError too);
    elsewhere the site's 500 page."""
    if request.path_info.startswith(API_PREFIX):
        status = HTTPStatus.INTERNAL_SERVER_ERROR
        return JsonResponse(
            error_body(status, "server_error", _("A server error occurred.")),
            status=status,
        )
    return defaults.server_error(request)


def csrf_failure(request, reason=""):
    """A form sent without its CSRF token (or an expired one): the site's page,
    which tells a person what to do, not Django's page for developers."""
    return render(
        request,
        "403_csrf.html",
        {"no_cookie": reason == csrf.REASON_NO_CSRF_COOKIE},
        status=HTTPStatus.FORBIDDEN,
    )
