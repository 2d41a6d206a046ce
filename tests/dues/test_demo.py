"""The demo's dues show every case today: paid, partly paid, overdue, waived,
paid late; entitled to vote and not, today and at last year's Assembly.
Dates are relative to today."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from dues.models import FeeGrid, FeeWaiver, Invoice
from dues.standing import standing, voting_right
from members.models import MemberCity
from tests import factories
from tools.demo import load_demo
from tools.demo.clock import assembly_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_demo()
    return {city.slug: city for city in MemberCity.objects.all()}


def test_the_grids_hold_the_public_figures(demo):
    old = FeeGrid.objects.get(first_year=2023).amounts()

    assert old[("low", False, "exclusive")] == Decimal("1390.00")
    assert old[("low", True, "exclusive")] == Decimal("1540.00")
    assert old[("high", False, "exclusive")] == Decimal("11010.00")
    assert old[("high", True, "exclusive")] == Decimal("13190.00")
    assert old[("low", False, "joint")] == Decimal("2090.00")
    assert old[("high", True, "joint")] == Decimal("19870.00")
    assert FeeGrid.objects.get(first_year=2026).missing_cells() == []


def test_every_status_and_vote_today(demo):
    today = timezone.localdate()
    statuses = set(Invoice.objects.with_status(today).values_list("status", flat=True))

    assert {"paid", "partly_paid", "issued", "overdue"} <= statuses
    assert FeeWaiver.objects.filter(member=demo["dakar"]).exists()
    votes = {slug: voting_right(demo[slug], today).entitled for slug in demo}
    assert votes["barcelona"] and votes["guangzhou"] and votes["dakar"]
    assert not votes["mexico-city"] and not votes["montevideo"]
    assert standing(demo["mexico-city"], today).in_arrears
    assert not standing(demo["barcelona"], today).in_arrears


def test_the_year_before_last_gives_last_years_assembly_its_roll(demo):
    today = timezone.localdate()
    assembly = assembly_day(today)
    before_last = Invoice.objects.filter(year=today.year - 2)
    assert before_last.count() == 6
    # Montevideo and Mexico City paid in full, but after the Assembly.
    assert set(before_last.with_status(today).values_list("status", flat=True)) == {
        "paid"
    }
    votes = {slug: voting_right(demo[slug], assembly).entitled for slug in demo}
    assert votes["guangzhou"] and votes["berlin"] and votes["dakar"]
    assert not votes["montevideo"] and not votes["mexico-city"]


def test_the_liaisons_dues_page_shows_a_partly_paid_invoice(demo, client):
    liaison = factories.LiaisonFactory(member=demo["guangzhou"]).user
    client.force_login(liaison)

    page = client.get(reverse("portal:dues")).content.decode()

    assert page.count("<td>Partly paid</td>") == 1
    assert page.count("<td>Paid</td>") == 2


def test_the_admins_first_page_shows_overdue_and_partly_paid(demo, admin_client):
    page = admin_client.get(reverse("admin:dues_invoice_changelist")).content
    text = page.decode()

    assert "Mexico City" in text and ">Overdue<" in text
    assert ">Partly paid<" in text


def test_a_second_run_changes_nothing(demo):
    before = list(Invoice.objects.values_list("number", "amount"))

    load_demo()

    assert list(Invoice.objects.values_list("number", "amount")) == before
