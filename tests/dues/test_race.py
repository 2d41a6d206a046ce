"""Invoice numbers under concurrency (PostgreSQL): two transactions issuing
at once, each in its own thread and connection, get consecutive numbers; no
gap, no number twice, one invoice per member and year.

SQLite has no row locks and refuses a second writer: PostgreSQL only.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from dues.models import Invoice
from dues.services import invoice_issue, invoices_issue
from tests.dues.utils import make_city, make_grid

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL's row locks"
    ),
]
WAIT_SECONDS = 30


def race(*calls):
    """Run `calls` at once, each in a thread with its own connection; their
    results or exceptions, in order."""
    barrier = threading.Barrier(len(calls), timeout=WAIT_SECONDS)
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as exc:
            results[index] = exc
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT_SECONDS)
    return results


@pytest.mark.parametrize("round_", range(3))
def test_two_invoices_at_once_get_consecutive_numbers(round_):
    make_grid()
    first, second = make_city(name="First"), make_city(name="Second")

    results = race(
        lambda: invoice_issue(member=first, year=2026).number,
        lambda: invoice_issue(member=second, year=2026).number,
    )

    assert sorted(results) == ["2026-0001", "2026-0002"]


def test_two_runs_of_the_years_issue_at_once_invoice_each_member_once():
    make_grid()
    for n in range(5):
        make_city(name=f"City {n}")

    results = race(
        lambda: len(invoices_issue(year=2026).issued),
        lambda: len(invoices_issue(year=2026).issued),
    )

    assert sorted(results) == [0, 5]
    numbers = sorted(Invoice.objects.values_list("number", flat=True))
    assert numbers == [f"2026-{n:04d}" for n in range(1, 6)]


def test_the_same_member_twice_at_once_gets_one_invoice():
    make_grid()
    member = make_city(name="Twice")

    results = race(
        lambda: invoice_issue(member=member, year=2026).number,
        lambda: invoice_issue(member=member, year=2026).number,
    )

    assert sorted(map(type, results), key=str) == [ValidationError, str]
    assert list(Invoice.objects.values_list("number", flat=True)) == ["2026-0001"]
