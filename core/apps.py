from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Infrastructure every app stands on; it imports no domain app."""

    name = "core"
    verbose_name = _("Core")


class AdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with core.admin_site.AdminSite as the default site."""

    default = False  # "core" in INSTALLED_APPS is CoreConfig
    default_site = "core.admin_site.AdminSite"
