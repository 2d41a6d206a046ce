from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicDataConfig(AppConfig):
    """What the public can look at and take away: the map of the members,
    the charts and the open data. Read-only pages over every app, so it
    sits on top with the portal and the tools."""

    name = "publicdata"
    verbose_name = _("Public data")
