from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    """Signed events to partner systems, from an outbox, by the worker."""

    name = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self):
        from webhooks import receivers  # noqa: F401  (connects the receiver)
