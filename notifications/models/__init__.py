"""The e-mail outbox and log (Message) and each user's choice of what to
receive (Preference)."""

from notifications.models.messages import (
    STATUTORY_KINDS,
    Kind,
    Message,
    MessageQuerySet,
)
from notifications.models.preferences import Preference

__all__ = ["STATUTORY_KINDS", "Kind", "Message", "MessageQuerySet", "Preference"]
