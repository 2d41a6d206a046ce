"""One error body for every API failure.

    {"status": 400, "code": "invalid", "detail": "…", "errors": {"field": ["…"]}}

`errors` appears for validation failures only, keyed by field (or
"non_field_errors").
"""

from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, OperationalError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.api.integrity import integrity_error_fields


class PreconditionFailed(exceptions.APIException):
    status_code = HTTPStatus.PRECONDITION_FAILED
    default_detail = gettext_lazy(
        "The object has changed since you read it: fetch it again and retry."
    )
    default_code = "precondition_failed"


class Conflict(exceptions.APIException):
    status_code = HTTPStatus.CONFLICT
    default_detail = gettext_lazy("Other records depend on this one.")
    default_code = "conflict"


class PayloadTooLarge(exceptions.APIException):
    status_code = HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    default_detail = gettext_lazy("The request body is too large.")
    default_code = "payload_too_large"


class ServiceUnavailable(exceptions.APIException):
    status_code = HTTPStatus.SERVICE_UNAVAILABLE
    default_detail = gettext_lazy("The database is not answering. Try again shortly.")
    default_code = "service_unavailable"


def as_api_exception(exc):
    """Django and database errors as the API exceptions they amount to."""
    # As DRF's handler would, but before the body is built: code "not_found".
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, RequestDataTooBig):
        return PayloadTooLarge(
            _("The request body is larger than %(limit)s bytes.")
            % {"limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
        )
    if isinstance(exc, TooManyFieldsSent):
        return exceptions.ParseError(
            _("The request has more than %(limit)s fields.")
            % {"limit": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS}
        )
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(serializers.as_serializer_error(exc))
    if isinstance(exc, ProtectedError | RestrictedError):
        return Conflict(
            _("Cannot delete: %(count)s other records depend on it.")
            % {
                "count": len(
                    exc.protected_objects
                    if hasattr(exc, "protected_objects")
                    else exc.restricted_objects
                )
            }
        )
    # After ProtectedError and RestrictedError, which are IntegrityErrors too.
    if isinstance(exc, IntegrityError):
        return exceptions.ValidationError(integrity_error_fields(exc))
    if isinstance(exc, OperationalError):
        return ServiceUnavailable()
    return exc


def error_body(status: int, code: str, detail: str, errors=None) -> dict:
    body = {"status": status, "code": code, "detail": detail}
    if errors is not None:
        body["errors"] = errors
    return body


def exception_handler(exc, context):
    exc = as_api_exception(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = (
            exc.detail
            if isinstance(exc.detail, dict)
            else {"non_field_errors": exc.detail}
        )
        response.data = error_body(
            response.status_code,
            "invalid",
            _("The request has invalid fields."),
            errors,
        )
    else:
        codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        response.data = error_body(
            response.status_code,
            codes if isinstance(codes, str) else "error",
            str(exc.detail) if hasattr(exc, "detail") else str(exc),
        )
    return response


def error_response(status: int, code: str, detail: str) -> Response:
    return Response(error_body(status, code, detail), status=status)


@csrf_exempt  # answers 404 whatever the method; changes nothing
def not_found(request, *args, **kwargs) -> JsonResponse:
    """A URL under /api/v1/ that names no resource."""
    status = HTTPStatus.NOT_FOUND
    return JsonResponse(error_body(status, "not_found", _("Not found.")), status=status)
