from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """E-mails to people: every message a record, sent once by the worker."""

    name = "notifications"
    verbose_name = _("Notifications")
