from django.core.management.base import BaseCommand

from webhooks.delivery import sweep


class Command(BaseCommand):
    help = (
        "Queue again every webhook delivery whose task was lost (due for more "
        "than a few minutes, or held by a worker that stopped). Each is still "
        "sent once. Run it every few minutes, beside `send_reminders --requeue`."
    )

    def handle(self, *args, **options):
        count = sweep()
        self.stdout.write(f"{count} webhook deliveries queued again.")
