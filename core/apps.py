from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Infrastructure every app stands on; it imports no domain app."""

    name = "core"
    verbose_name = _("Core")

    def ready(self):
        # After every migrate and flush, whatever app was migrated: a table
        # rebuilt by a migration (SQLite) has lost its triggers.
        post_migrate.connect(install_version_triggers, sender=self)
        # The admin of core's own models (the admin's autodiscover reads
        # core/admin.py, the base classes of every app's admin).
        from core import translation_admin  # noqa: F401


class AdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with core.admin_site.AdminSite as the default site."""

    default = False  # "core" in INSTALLED_APPS is CoreConfig
    default_site = "core.admin_site.AdminSite"


def install_version_triggers(sender, using, **kwargs):
    from core.versions import install_triggers

    install_triggers(using)
