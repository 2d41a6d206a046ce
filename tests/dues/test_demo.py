"""The demo's dues show every case today: paid, partly paid, overdue, waived;
entitled to vote and not. Dates are relative to today."""

from decimal import Decimal

import pytest
from django.utils import timezone

from dues.models import FeeGrid, FeeWaiver, Invoice
from dues.standing import standing, voting_right
from members.models import MemberCity
from tools.demo import load_demo

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


def test_a_second_run_changes_nothing(demo):
    before = list(Invoice.objects.values_list("number", "amount"))

    load_demo()

    assert list(Invoice.objects.values_list("number", "amount")) == before
