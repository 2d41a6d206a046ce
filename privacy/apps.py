from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """The personal-data desk: export everything held about a person or a
    user, and erase them. It reads every domain app, so it sits above them
    (below the portal, which offers a liaison its own data)."""

    name = "privacy"
    verbose_name = _("Personal data")

    def ready(self):
        from privacy.admin import extend_admins

        extend_admins()
