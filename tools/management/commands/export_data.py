import gzip
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tools.backup import consistent_snapshot, write_backup

SUFFIX = ".json.gz"


class Command(BaseCommand):
    help = (
        "Export every record, history included, to a gzipped JSON file that "
        "import_data restores. The app may keep running: the file holds the "
        "database as of one moment."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help=f"the file to write, ending in {SUFFIX}")
        parser.add_argument(
            "--include-axes",
            action="store_true",
            help="also export django-axes's login attempts and lockouts",
        )

    def handle(self, *args, path: str, include_axes: bool, **options):
        target = Path(path)
        if not target.name.endswith(SUFFIX):
            raise CommandError(f"The backup file name must end in {SUFFIX}: {path}")
        if not target.parent.is_dir():
            raise CommandError(f"No such directory: {target.parent}")
        # Written aside and renamed when complete: a failed export never
        # leaves a truncated file under the backup's name.
        partial = target.with_name(f".{target.name}.partial")
        try:
            with (
                gzip.open(partial, "wt", encoding="utf-8") as stream,
                consistent_snapshot(),
            ):
                count = write_backup(stream, include_axes=include_axes)
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {count} records to {target} "
                f"({target.stat().st_size:,} bytes)."
            )
        )
