"""OpenAPI: every operation documents its error statuses and conditional headers;
confidential fields are optional in responses."""

from drf_spectacular import openapi
from drf_spectacular.plumbing import get_view_model
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS
from rest_framework.schemas.utils import get_pk_description

from core.api.viewsets import PK_REGEX


class ErrorSerializer(serializers.Serializer):
    """The body of every error response."""

    status = serializers.IntegerField(help_text="The HTTP status code.")
    code = serializers.CharField(help_text="A machine-readable error code.")
    detail = serializers.CharField(help_text="What went wrong, for a person.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Validation errors by field name (or `non_field_errors`).",
    )


ERRORS = {
    "400": "Invalid input, filter value or query parameter; `errors` names the fields.",
    "401": "The API key is unknown, revoked or expired, or a write needs credentials.",
    "403": "The caller may not do this.",
    "404": "No such object (or the caller may not see it), or no such page.",
    "409": "Other records depend on this one.",
    "412": "`If-Match` does not name the object's current ETag: nothing changed.",
    "429": "Too many requests: retry after the seconds in `Retry-After`.",
    "503": "The database is not answering.",
}

IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="An ETag from an earlier response: 304 if the object is unchanged.",
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="The ETag you read: the write is refused with 412 if it changed since.",
)


class AutoSchema(openapi.AutoSchema):
    def _is_detail(self) -> bool:
        return "{" in self.path

    def _error_codes(self) -> list[str]:
        codes = ["401", "429", "503"]
        if self.method == "GET":
            # A list answers 404 for a page past the end.
            codes += ["404"] if self._is_detail() else ["400", "404"]
        else:
            codes += ["400", "403"]
            if self._is_detail():
                codes += ["404", "412"]
            if self.method == "DELETE":
                codes += ["409"]
        return sorted(codes)

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self.method == "GET" and self._is_detail():
            responses["304"] = {"description": "Not modified: your copy is current."}
        for code in self._error_codes():
            if code not in responses:
                response = self._get_response_for_code(ErrorSerializer, code)
                response["description"] = ERRORS[code]
                responses[code] = response
        if "429" in responses:
            responses["429"]["headers"] = {
                "Retry-After": {
                    "schema": {"type": "integer"},
                    "description": "Seconds to wait before retrying.",
                }
            }
        for code, response in responses.items():
            if code == "201" or (code == "200" and self._is_detail()):
                response.setdefault("headers", {})["ETag"] = {
                    "schema": {"type": "string"},
                    "description": "The object's version, for If-Match/If-None-Match.",
                }
        return responses

    def _resolve_path_parameters(self, variables):
        parameters = super()._resolve_path_parameters(variables)
        model = get_view_model(self.view, emit_warnings=False)
        for parameter in parameters:
            if model is not None and parameter["schema"] == {
                "type": "string",
                "pattern": f"^{PK_REGEX}$",
            }:
                # The id, as the model field documents it (not a string).
                pk = model._meta.pk
                schema = self._map_model_field(pk, direction=None)
                schema.pop("readOnly", None)
                parameter["schema"] = schema
                parameter["description"] = get_pk_description(model, pk)
        return parameters

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        meta = getattr(serializer, "Meta", None)
        confidential = getattr(meta, "confidential_fields", ())
        if direction == "response" and confidential:
            # Left out for callers who may not see them (ConfidentialFieldsMixin).
            required = [
                name for name in schema.get("required", ()) if name not in confidential
            ]
            if required:
                schema["required"] = required
            else:
                schema.pop("required", None)
        return schema

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        for parameter in (operation or {}).get("parameters", []):
            if parameter.get("in") == "query" and not parameter.get("required"):
                # As a form's empty field: `?region=` means any region.
                parameter["allowEmptyValue"] = True
        return operation

    def map_parsers(self):
        # The documented request format is JSON. The form encodings (kept for the
        # browsable API) cannot send null and drop empty values; multipart is
        # documented where a file can be sent (an image upload, core.api.images).
        parsers = super().map_parsers()
        documented = [media for media in parsers if media == "application/json"]
        serializer = self._get_serializer() if self.method != "GET" else None
        fields = getattr(serializer, "fields", {})
        if any(isinstance(field, serializers.FileField) for field in fields.values()):
            documented += [media for media in parsers if media == "multipart/form-data"]
        return documented

    def get_auth(self):
        auths = super().get_auth()
        open_reads = any(
            getattr(permission, "open_reads", False)
            for permission in self.view.get_permissions()
        )
        if open_reads and self.method in SAFE_METHODS and {} not in auths:
            auths.append({})  # Reads need no credentials.
        return auths

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self._is_detail():
            if self.method == "GET":
                parameters.append(IF_NONE_MATCH)
            elif self.method in ("PUT", "PATCH", "DELETE"):
                parameters.append(IF_MATCH)
        return parameters
