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
        "and its context. Creates what is missing and leaves alone what a person "
        "has changed since; running it again changes nothing. --reset puts the "
        "demo back."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--accounts",
            action="store_true",
            help=(
                f"Also create the users {EDITOR_USERNAME!r} and {LIAISON_USERNAME!r}"
                " if they are missing, with random passwords printed here once."
                " Refused unless DEBUG is on."
            ),
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help=(
                "Put every demo record back to its demo values, including those "
                "a person has changed; with --accounts, also give the demo "
                "accounts new passwords (printed here)."
            ),
        )

    def handle(self, *args, accounts: bool = False, reset: bool = False, **options):
        try:
            result = load_demo(with_accounts=accounts, reset=reset)
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
        if result.kept:
            self.stdout.write(
                f"Left as a person changed them: {result.kept} demo records "
                "(`load_demo --reset` puts them back)."
            )
        for username, password in result.passwords.items():
            self.stdout.write(
                f"Demo account {username} ({ACCOUNT_ROLES[username]}), "
                f"password: {password}"
            )
