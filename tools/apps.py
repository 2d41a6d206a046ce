from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolsConfig(AppConfig):
    """The demo data, the bulk generator and backup/restore, with their
    commands: they read and write every app, so they sit on top."""

    name = "tools"
    verbose_name = _("Tools")
