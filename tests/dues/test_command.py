from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from dues.models import Invoice

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("issue_invoices", *args, stdout=out)
    return out.getvalue()


def test_the_command_issues_and_says_what_it_did(grid, city):
    output = run("--year", "2027")

    assert "2027-0001  Barcelona  4000.00 EUR" in output
    assert "1 invoices issued, 0 already invoiced" in output
    assert Invoice.objects.get().year == 2027


def test_a_second_run_issues_nothing(grid, city):
    run("--year", "2027")

    assert "0 invoices issued, 1 already invoiced" in run("--year", "2027")
    assert Invoice.objects.count() == 1


def test_a_year_without_a_grid_is_an_error(grid, city):
    with pytest.raises(CommandError, match="No fee grid covers 2031"):
        run("--year", "2031")
    assert not Invoice.objects.exists()
