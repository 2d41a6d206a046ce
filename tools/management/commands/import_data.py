from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from alliances.models import Alliance, refresh_alliance_ends
from tools.backup import remove_migrate_records, tables_with_data


class Command(BaseCommand):
    help = (
        "Restore a file written by export_data into an empty database that "
        "`migrate` has just created, in one transaction: all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the backup file, ending in .json.gz")

    def handle(self, *args, path: str, **options):
        backup = Path(path).resolve()
        if not backup.is_file():
            raise CommandError(f"No such file: {path}")
        output = StringIO()
        with transaction.atomic():
            if occupied := tables_with_data():
                raise CommandError(
                    "The database is not empty, nothing was restored. Restore "
                    "into a new database after `manage.py migrate`. Records "
                    f"found in: {', '.join(occupied)}."
                )
            remove_migrate_records()
            # The history is restored as it was: loading a record's
            # many-to-many links must not add a history row of its own.
            with override_settings(SIMPLE_HISTORY_ENABLED=False):
                # loaddata also moves PostgreSQL's id sequences past the
                # restored ids, so that new records get new ids.
                call_command("loaddata", str(backup), stdout=output, verbosity=1)
            # A backup from before alliances stored their end date has none.
            refresh_alliance_ends(
                Alliance.objects.filter(
                    ends_on__isnull=True, start_date__isnull=False
                ).values("pk")
            )
        self.stdout.write(self.style.SUCCESS(output.getvalue().strip()))
