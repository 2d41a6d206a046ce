"""A database that does not answer is a 503, on every page and endpoint; API
responses are never shared between callers by a cache."""

import logging
import sys
from http import HTTPStatus

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import (
    add_never_cache_headers,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.translation import gettext as _

from core.api.errors import error_body
from core.versions import versions_per_request

logger = logging.getLogger(__name__)

# Refused or lost connections (OperationalError), a connection closed under
# our feet (InterfaceError). Not IntegrityError and the like: those are bugs
# or bad input, and stay 500s or 400s.
DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
API_PREFIX = "/api/"
FALLBACK_PAGE = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
    "<title>Temporarily unavailable</title></head><body>"
    "<h1>Temporarily unavailable</h1><p>The site cannot reach its database just "
    "now. Please try again in a minute.</p></body></html>"
)


class DatabaseUnavailableMiddleware:
    """Answers 503 with Retry-After when the database does not answer.

    A view's error (or its template's, which reads `request.user`) comes to
    process_exception. An error in a later middleware (the session saved on
    the way out) never reaches this one as an exception: Django's handler
    turns it into a 500 first. The receiver below marks the request, and
    __call__ swaps that 500 for a 503. The API gets its JSON error body,
    pages a page that needs neither the request nor the database. Nothing is
    kept between requests: the first request after the database is back is
    served.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR and getattr(
            request, "_database_down", None
        ):
            return self.unavailable(request, request._database_down)
        if (
            response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
            and "Retry-After" not in response
        ):
            # The API's own 503s and /healthz: tell clients when to come back.
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN):
            return self.unavailable(request, exception)
        return None

    def unavailable(self, request, exc) -> HttpResponse:
        logger.error("Database unavailable on %s: %s", request.path, exc)
        status = HTTPStatus.SERVICE_UNAVAILABLE
        if request.path_info.startswith(API_PREFIX):
            response = JsonResponse(
                error_body(
                    status,
                    "service_unavailable",
                    _("The database is not answering. Try again shortly."),
                ),
                status=status,
            )
        else:
            response = HttpResponse(unavailable_page(), status=status)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response


def unavailable_page() -> str:
    """The 503 page. No request and no context processors: nothing reads the
    session. Should even that fail (a static file missing from the manifest),
    a page without the site's layout says the same."""
    try:
        return render_to_string("503.html")
    except Exception:
        logger.exception("The 503 page could not be rendered")
        return FALLBACK_PAGE


@receiver(got_request_exception)
def _mark_database_down(sender, request=None, **kwargs):
    """Sent by Django's handler while it turns an exception into a 500."""
    exc = sys.exception()
    if request is not None and isinstance(exc, DATABASE_DOWN):
        request._database_down = exc


class ApiCacheMiddleware:
    """No shared cache serves one API caller's view to another: every API
    response varies on the credentials (Authorization, the session cookie), and
    one answered to a caller who sent any is `Cache-Control: private`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(API_PREFIX):
            patch_vary_headers(response, ("Authorization", "Cookie"))
            if "HTTP_AUTHORIZATION" in request.META or (
                settings.SESSION_COOKIE_NAME in request.COOKIES
            ):
                patch_cache_control(response, private=True)
        return response


class DataVersionsMiddleware:
    """The data versions (core.versions) read once per request, whoever asks:
    the counts, the fragments and the API's cached lists."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with versions_per_request():
            return self.get_response(request)
