from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tools.demo import DemoDataError, load_demo
from tools.demo.services import EDITOR_USERNAME, LIAISON_USERNAME

ACCOUNT_ROLES = {
    EDITOR_USERNAME: "secretariat editor",
    LIAISON_USERNAME: "liaison of Guangzhou",
}


class Command(BaseCommand):
    help = (
        "Load the demo data: the Guangzhou alliance news post of 2 August 2021 "
        "and its context. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--accounts",
            action="store_true",
            help=(
                f"Also create the users {EDITOR_USERNAME!r} and {LIAISON_USERNAME!r}"
                " with new random passwords, printed here (set anew on every run)."
                " Refused unless DEBUG is on."
            ),
        )

    def handle(self, *args, accounts: bool = False, **options):
        try:
            result = load_demo(with_accounts=accounts)
        except DemoDataError as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError(
                "The demo data clashes with existing records, nothing was loaded: "
                + " ".join(exc.messages)
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded: {result.created} created, {result.updated} "
                f"updated, {result.unchanged} unchanged."
            )
        )
        for username, password in result.passwords.items():
            self.stdout.write(
                f"Demo account {username} ({ACCOUNT_ROLES[username]}), "
                f"password: {password}"
            )
