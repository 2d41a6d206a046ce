from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """E-mails to people: every message a record, sent once by the worker."""

    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from core.events import domain_event
        from notifications import receivers

        domain_event.connect(receivers.on_domain_event, dispatch_uid="notifications")
