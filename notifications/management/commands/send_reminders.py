from django.core.management.base import BaseCommand
from django.db import transaction

from notifications.outbox import requeue_stalled
from notifications.reminders import queue_reminders


class Command(BaseCommand):
    help = (
        "Queue the reminders due today (alliances ending, invoices due or "
        "overdue, General Assemblies ahead), catching up any day missed, and "
        "queue again every message whose delivery stalled. Idempotent: run it "
        "daily; with --requeue, every few minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--requeue",
            action="store_true",
            help="Only queue again the messages whose delivery stalled.",
        )

    def handle(self, *args, requeue=False, **options):
        with transaction.atomic():
            if not requeue:
                report = queue_reminders()
                for message in report.queued:
                    self.stdout.write(
                        f"{message.get_kind_display()} ({message.offset:+d}): "
                        f"{message.object_label} → {message.recipient_email}"
                    )
                self.stdout.write(
                    f"{len(report.queued)} reminder(s) queued for {report.day}."
                )
            stalled = requeue_stalled()
        self.stdout.write(f"{stalled} stalled message(s) queued again.")
