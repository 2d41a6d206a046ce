"""The worker's side: one task delivers one message (notifications.delivery)."""

from django_tasks import task

from notifications import delivery


@task()
def deliver_message(message_id: int) -> str:
    """Send message `message_id` unless it is sent, failed or being sent by
    another worker; returns what became of it."""
    return delivery.deliver(message_id)
