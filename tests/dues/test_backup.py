"""Backup and restore keep dues whole: grids, invoices, payments, waivers,
their history and the number counters, so that numbering goes on after a
restore without reusing a number."""

import pytest
from django.utils import timezone

from dues.models import FeeWaiver, InvoiceCounter, Payment
from dues.services import invoice_issue
from tests.backup_utils import empty_the_database
from tests.dues.utils import make_city
from tests.metropolis.test_backup import export, restore, serialized_database
from tools.demo.services import load_demo

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_content_types")]
LABELS = [
    "dues.FeeGrid",
    "dues.FeeGridCell",
    "dues.Invoice",
    "dues.Payment",
    "dues.FeeWaiver",
    "dues.InvoiceCounter",
    "dues.HistoricalInvoice",
    "dues.HistoricalPayment",
    "dues.HistoricalFeeGrid",
]


def test_a_restored_backup_holds_the_same_dues(tmp_path):
    load_demo()
    before = serialized_database()
    assert all(before[label] for label in LABELS)
    backup = tmp_path / "backup.json.gz"
    export(backup)
    empty_the_database()

    restore(backup)

    after = serialized_database()
    assert {label: after[label] for label in LABELS} == {
        label: before[label] for label in LABELS
    }
    assert FeeWaiver.objects.exists() and Payment.objects.exists()


def test_numbering_goes_on_after_a_restore(tmp_path):
    load_demo()
    year = timezone.localdate().year
    last = InvoiceCounter.objects.get(year=year, kind="invoice").last_number
    backup = tmp_path / "backup.json.gz"
    export(backup)
    empty_the_database()
    restore(backup)

    invoice = invoice_issue(member=make_city(name="After the restore"), year=year)

    assert invoice.number == f"{year}-{last + 1:04d}"
