from webhooks.models.deliveries import WebhookDelivery, new_message_id
from webhooks.models.endpoints import (
    URL_MAX_LENGTH,
    WebhookEndpoint,
    events_problem,
    new_secret,
)

__all__ = [
    "URL_MAX_LENGTH",
    "WebhookDelivery",
    "WebhookEndpoint",
    "events_problem",
    "new_message_id",
    "new_secret",
]
