"""The language of the paths outside i18n_patterns: the admin and the API.

LocaleMiddleware takes the site's language from its URL (/fr/…, /es/…,
English unprefixed). With prefix_default_language=False it gives English to
every unprefixed path, the admin's and the API's too. This middleware, right
after it, activates instead:

- under /api/: the best language of `Accept-Language`, and nothing else (no
  cookie, no session), so that one URL and one header give one answer.
  LocaleMiddleware then says which in `Content-Language` and adds
  `Vary: Accept-Language`.
- under /admin/: the user's language, kept in the session from the login on
  (the choice itself is kept in notifications.Preference, see
  portal.language), else Django's stock choice: the language cookie, then
  `Accept-Language`.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header

from core.middleware import DATABASE_DOWN

# The user's language for this session: set at login and when the user
# chooses another one (portal.language), read here without a query.
SESSION_KEY = "metropolis_language"
API_PREFIX = "/api/"
ADMIN_PREFIX = "/admin/"


def accept_language(request) -> str:
    """The first supported language of the request's `Accept-Language`, else
    the site's default."""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in parse_accept_lang_header(header):
        if code == "*":
            break
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def remember_language(request, language: str) -> None:
    """Keep the user's `language` for the rest of the session."""
    request.session[SESSION_KEY] = language


def unprefixed_language(request) -> str | None:
    """The language of an API or admin request; None for the site's paths."""
    path = request.path_info
    if path.startswith(API_PREFIX):
        return accept_language(request)
    if path.startswith(ADMIN_PREFIX):
        try:
            language = request.session.get(SESSION_KEY)
        except DATABASE_DOWN:
            # The view's own read of the session fails the same way, and
            # DatabaseUnavailableMiddleware answers 503 for it.
            language = None
        if language in dict(settings.LANGUAGES):
            return language
        return translation.get_language_from_request(request)
    return None


class UnprefixedLanguageMiddleware:
    """After LocaleMiddleware: the API's and the admin's language (above)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = unprefixed_language(request)
        if language is not None:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
