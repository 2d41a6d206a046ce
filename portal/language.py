"""A person's language: the switcher's choice, remembered for a logged-in user.

There is one place for a user's language: notifications.Preference.language,
which chooses the language of their e-mails, of the admin and of the site
after they log in. Anonymous visitors get Django's language cookie only.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import user_logged_in
from django.contrib.auth import views as auth_views
from django.core.exceptions import BadRequest
from django.dispatch import receiver
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from core.locale import SESSION_KEY, remember_language
from notifications.models import Preference


def save_language(*, user, language: str) -> Preference:
    """Make `language` the user's language (site, admin and e-mails)."""
    preference, _created = Preference.objects.update_or_create(
        user=user, defaults={"language": language}
    )
    return preference


@require_POST
def set_language(request):
    """Django's set_language (the cookie, and a redirect to `next` in the
    language chosen); a logged-in person's choice is saved as theirs too."""
    language = request.POST.get("language")
    if language not in dict(settings.LANGUAGES):
        # Django's own would take any language it has a catalogue for.
        raise BadRequest(_("Choose one of the site's languages."))
    # Django translates `next` by resolving it in the active language, which
    # for this unprefixed URL is English: resolve it in its own.
    next_path = urlsplit(request.POST.get("next", "")).path
    next_language = get_language_from_path(next_path) or settings.LANGUAGE_CODE
    with translation.override(next_language):
        response = django_set_language(request)
    if request.user.is_authenticated:
        save_language(user=request.user, language=language)
        remember_language(request, language)
    return response


@receiver(user_logged_in, dispatch_uid="portal.language")
def _remember_on_login(sender, request, user, **kwargs):
    """At login (the site's or the admin's), the user's saved language becomes
    the session's: the admin speaks it, and the site's login lands in it."""
    if request is None:
        return
    language = (
        Preference.objects.filter(user=user).values_list("language", flat=True).first()
    )
    if language in dict(settings.LANGUAGES):
        remember_language(request, language)


class LoginView(auth_views.LoginView):
    """django.contrib.auth's login, whose redirect goes to the page asked for
    in the user's saved language."""

    def get_success_url(self):
        url = super().get_success_url()
        language = self.request.session.get(SESSION_KEY)
        return translate_url(url, language) if language else url
