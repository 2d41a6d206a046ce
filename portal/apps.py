from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Liaison portal")

    def ready(self):
        # The receiver that brings a user's saved language into the session
        # at login.
        from portal import language  # noqa: F401
