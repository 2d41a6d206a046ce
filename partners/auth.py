from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from core.clients import client_address
from core.ratelimit import quota_wait, spend_quota
from partners.keys import find_key
from partners.models import PartnerKey

KEYWORD = "Api-Key"


class PartnerKeyAuthentication(authentication.BaseAuthentication):
    """`Authorization: Api-Key <key>`: the key's owner acts, within the key's scope.

    A revoked, expired or unknown key is refused at once (401), whatever else
    the request carries. Past settings.API_KEY_FAILURE_RATE refused keys from
    one client address, any key from there is refused with 429 (and
    Retry-After) until the period ends: keys cannot be tried at speed.
    """

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD.lower().encode():
            return None
        failures = f"api-key-failures:{client_address(request)}"
        wait = quota_wait(failures, settings.API_KEY_FAILURE_RATE)
        if wait is not None:
            raise exceptions.Throttled(
                wait, str(_("Too many wrong API keys were sent from your address."))
            )
        try:
            return self.check_key(header)
        except exceptions.AuthenticationFailed:
            spend_quota(failures, settings.API_KEY_FAILURE_RATE)
            raise

    def check_key(self, header: list[bytes]):
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the key as: Authorization: Api-Key <key>.")
            )
        try:
            key = header[1].decode()
            partner_key = find_key(key)
        except (UnicodeDecodeError, PartnerKey.DoesNotExist):
            raise exceptions.AuthenticationFailed(
                _("Unknown or revoked API key.")
            ) from None
        if partner_key.has_expired:
            raise exceptions.AuthenticationFailed(_("This API key has expired."))
        if not partner_key.owner.is_active:
            raise exceptions.AuthenticationFailed(
                _("This API key's owner is inactive.")
            )
        partner_key.touch()
        return partner_key.owner, partner_key

    def authenticate_header(self, request):
        return f'{KEYWORD} realm="api"'


class PartnerKeyScheme(OpenApiAuthenticationExtension):
    target_class = PartnerKeyAuthentication
    name = "apiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "A partner system's key, sent as `Api-Key <key>`. Keys are created "
                "and revoked by an administrator; scope `read` or `write`."
            ),
        }
