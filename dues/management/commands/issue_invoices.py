from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from dues.services import invoices_issue


class Command(BaseCommand):
    help = (
        "Issue the year's membership fee invoices: one per active member that "
        "joined by that year and has none yet (idempotent). Waived members get "
        "none; members without an income band are listed, not invoiced."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)

    def handle(self, *args, year, **options):
        try:
            report = invoices_issue(year=year)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        for invoice in report.issued:
            self.stdout.write(
                f"  {invoice.number}  {invoice.member}  {invoice.amount} EUR "
                f"(due {invoice.due_on.isoformat()})"
            )
        for member in report.waived:
            self.stdout.write(f"  waived: {member}")
        for member, reason in report.skipped:
            self.stdout.write(
                self.style.WARNING(f"  not invoiced: {member} ({reason})")
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{year} (grid {report.grid}): {len(report.issued)} invoices issued, "
                f"{report.already_invoiced} already invoiced, "
                f"{len(report.waived)} waived, {len(report.skipped)} not invoiced."
            )
        )
