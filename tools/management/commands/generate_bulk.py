from django.core.management.base import BaseCommand, CommandError

from tools.bulk import (
    DEFAULT_SEED,
    SCALES,
    BulkDataError,
    generate,
    peak_rss_mb,
    remove_bulk_data,
)


class Command(BaseCommand):
    help = (
        "Write deterministic synthetic data for benchmarks, in batches: at "
        "--scale large, 10,000 member cities, 40,000 board mandates, 20,000 "
        "alliances and 200,000 news posts. Its rows have slugs starting with "
        '"bulk-" and no history.'
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=list(SCALES),
            default="small",
            help="small is 1/100 of large, medium 1/10; tiny is for tests.",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"The same seed gives the same data (default {DEFAULT_SEED}).",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Remove the bulk data already stored first.",
        )
        parser.add_argument(
            "--remove",
            action="store_true",
            help="Only remove the bulk data already stored.",
        )

    def handle(self, *args, scale, seed, reset, remove, **options):
        try:
            if remove:
                removed = remove_bulk_data()
                self.stdout.write(self.removed_line(removed))
                return
            report = generate(
                scale=SCALES[scale],
                seed=seed,
                replace=reset,
                log=lambda line: self.stdout.write(f"  {line}"),
            )
        except BulkDataError as exc:
            raise CommandError(str(exc)) from exc
        if report.removed:
            self.stdout.write(self.removed_line(report.removed))
        for label, count in report.counts.items():
            self.stdout.write(f"  {label}: {count}")
        self.stdout.write(
            "No history rows were written: bulk_create sends no signals, so "
            "django-simple-history records nothing for bulk data."
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Bulk data at scale {scale} (seed {seed}) written in "
                f"{report.total_seconds:.1f} s; peak RSS {peak_rss_mb():.0f} MB."
            )
        )

    def removed_line(self, removed: dict[str, int]) -> str:
        if not removed:
            return "No bulk data was stored."
        return "Removed bulk data: " + ", ".join(
            f"{label} {count}" for label, count in removed.items()
        )
