"""The REST API's settings: rates, DRF and drf-spectacular (imported by
metropolis.settings, which adds the proxies to trust)."""

import os

# REST API v1. Rates are per client: per IP address for anonymous callers,
# per key for partner systems, per user for liaisons and editors.
API_RATES = {
    "anon": os.environ.get("DJANGO_API_RATE_ANON", "60/min"),
    "read": os.environ.get("DJANGO_API_RATE_READ", "600/min"),
    "write": os.environ.get("DJANGO_API_RATE_WRITE", "300/min"),
    "user": os.environ.get("DJANGO_API_RATE_USER", "300/min"),
}
# Refused API keys per client address (past it, every key sent from there is
# refused with 429 until the period ends), and password reset requests per
# client address and per e-mail address.
API_KEY_FAILURE_RATE = os.environ.get("DJANGO_API_KEY_FAILURE_RATE", "10/min")
PASSWORD_RESET_RATES = {
    "address": os.environ.get("DJANGO_PASSWORD_RESET_RATE_ADDRESS", "10/hour"),
    "email": os.environ.get("DJANGO_PASSWORD_RESET_RATE_EMAIL", "3/hour"),
}
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "partners.auth.PartnerKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["members.api.access.ApiAccess"],
    "DEFAULT_THROTTLE_CLASSES": ["members.api.access.PersonaRateThrottle"],
    "DEFAULT_THROTTLE_RATES": API_RATES,
    "DEFAULT_FILTER_BACKENDS": [
        "core.api.filters.DjangoFilterBackend",
        "core.api.filters.SearchFilter",
        "core.api.filters.OrderingFilter",
    ],
    # JSON nested too deep or holding a lone surrogate is a 400, not a 500.
    "DEFAULT_PARSER_CLASSES": [
        "core.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_RENDERER_CLASSES": [
        "core.api.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.errors.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Metropolis Members API",
    "DESCRIPTION": (
        "Member cities, board mandates, regional secretariats, people, strategic "
        "action plans, alliances and news of the association. Anonymous callers "
        "read public data; partner systems send `Authorization: Api-Key <key>`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets that share a field name in several components get a name
    # of their own.
    "ENUM_NAME_OVERRIDES": {"DocumentKindEnum": "documents.models.Document.Kind"},
    "SCHEMA_PATH_PREFIX": "/api/v1",
}
