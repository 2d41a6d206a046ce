from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Infrastructure every app stands on; it imports no domain app."""

    name = "core"
    verbose_name = _("Core")
