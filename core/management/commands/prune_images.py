import datetime

from django.core.management.base import BaseCommand, CommandError

from core.image_pruning import prune


class Command(BaseCommand):
    help = (
        "Delete the image renditions that no current row references any more "
        "(an image replaced or cleared), once they are older than a grace "
        "period so that an upload in flight keeps its files. History rows do "
        "not keep a file. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-hours",
            type=int,
            default=24,
            help="Keep files written within this many hours (default 24).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List what would be deleted; delete nothing.",
        )

    def handle(self, *args, older_than_hours=24, dry_run=False, **options):
        if older_than_hours < 1:
            raise CommandError("--older-than-hours must be 1 or more.")
        report = prune(
            older_than=datetime.timedelta(hours=older_than_hours), dry_run=dry_run
        )
        for path in report.deleted:
            self.stdout.write(path)
        verb = "would be deleted" if dry_run else "deleted"
        self.stdout.write(
            f"{len(report.deleted)} rendition(s) {verb}; kept "
            f"{report.referenced} in use and {report.fresh} written within "
            f"{older_than_hours} hour(s)."
        )
