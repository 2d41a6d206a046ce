"""Domain events: a service says what happened; the apps above listen.

A service calls ``emit("post.published", post)`` inside its own transaction,
after the change is written. Receivers (the e-mail and webhook outboxes, above
every domain app) write their rows in that same transaction, so a change that
rolls back leaves no message behind and a committed one leaves exactly one.
The event names are the webhook event names of DESIGN.md ("member.updated",
"alliance.extended", "post.published", "invoice.issued", ...).

The signal keeps imports pointing down: ``news`` knows this module, not the
``notifications`` or ``webhooks`` apps that listen to it.
"""

from django.db import transaction
from django.dispatch import Signal

# Sent with: event (str), instance (the model object), and the emitter's
# keyword context (e.g. by=user, offset=30).
domain_event = Signal()


def emit(event: str, instance, **context) -> None:
    """Announce `event` about `instance`; receivers write in this transaction."""
    with transaction.atomic():
        domain_event.send(
            sender=type(instance), event=event, instance=instance, **context
        )
