"""An adopted accounts resolution approves its fee grid on the meeting's day,
which puts the grid in force; reversing it withdraws the approval, unless
invoices were issued from the grid."""

import datetime
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from dues.models import Invoice
from dues.services import invoice_issue
from governance.models import Resolution
from governance.services import (
    resolution_apply,
    resolution_record_votes,
    resolution_reverse,
)
from tests.dues.utils import make_city, make_grid
from tests.governance.utils import DAY, make_resolution, present

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending():
    """The 2026–2028 grid, awaiting the General Assembly's approval."""
    return make_grid(first_year=2026, last_year=2028, approved_on=None)


@pytest.fixture
def accounts(assembly, pending):
    present(assembly, *assembly.paid, assembly.waived)
    return make_resolution(assembly, kind=Resolution.Kind.ACCOUNTS, fee_grid=pending)


def adopt(resolution):
    return resolution_record_votes(
        resolution=resolution, votes_for=3, votes_against=0, abstentions=0
    )


def test_adopting_approves_the_grid_on_the_meetings_day_once(accounts, pending):
    resolution = adopt(accounts)
    resolution_apply(resolution=resolution)  # a second call does nothing

    pending.refresh_from_db()
    assert pending.approved_on == DAY
    assert pending.history.count() == 2  # created, then approved: once
    assert resolution.effect == {"fee_grid": pending.pk, "approved_on_before": None}
    assert invoice_issue(member=make_city(), year=2027).cell.grid == pending


def test_accounts_without_a_grid_change_no_grid(assembly, pending):
    present(assembly, *assembly.paid, assembly.waived)

    resolution = adopt(make_resolution(assembly, kind=Resolution.Kind.ACCOUNTS))

    pending.refresh_from_db()
    assert pending.approved_on is None
    assert resolution.effect == {}


def test_a_rejected_resolution_approves_nothing(accounts, pending):
    resolution_record_votes(
        resolution=accounts, votes_for=0, votes_against=3, abstentions=0
    )

    pending.refresh_from_db()
    assert pending.approved_on is None


def test_reversing_withdraws_the_approval_and_says_so(accounts, pending):
    resolution = adopt(accounts)

    undone = resolution_reverse(resolution=resolution)

    pending.refresh_from_db()
    assert pending.approved_on is None
    assert undone == ["The fee grid 2026–2028 is no longer approved."]
    with pytest.raises(ValidationError, match="not approved yet"):
        invoice_issue(member=make_city(), year=2027)


def test_reversing_restores_an_approval_given_before(accounts, pending):
    pending.approved_on = datetime.date(2025, 11, 20)
    pending.save()
    resolution = adopt(accounts)
    pending.refresh_from_db()
    assert pending.approved_on == DAY

    undone = resolution_reverse(resolution=resolution)

    pending.refresh_from_db()
    assert pending.approved_on == datetime.date(2025, 11, 20)
    assert undone == ["The fee grid 2026–2028 is approved on 2025-11-20 again."]


def test_reversing_after_invoices_is_refused_and_changes_nothing(accounts, pending):
    resolution = adopt(accounts)
    invoice_issue(member=make_city(), year=2026)

    with pytest.raises(ValidationError) as error:
        resolution_reverse(resolution=resolution)

    assert "Invoices were issued" in error.value.message_dict["fee_grid"][0]
    pending.refresh_from_db()
    resolution.refresh_from_db()
    assert pending.approved_on == DAY
    assert resolution.applied_at is not None
    assert resolution.votes_for == 3
    assert Invoice.objects.filter(cell__grid=pending).count() == 1


def test_the_api_refuses_the_reversal_with_a_400(accounts, pending, editor):
    resolution = adopt(accounts)
    invoice_issue(member=make_city(), year=2026)
    client = APIClient()
    client.force_login(editor)

    response = client.post(reverse("api:resolution-reverse", args=[resolution.pk]))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "fee_grid" in response.json()["errors"]
    pending.refresh_from_db()
    assert pending.approved_on == DAY


def test_the_admin_refuses_the_reversal_with_a_form_error(
    accounts, pending, editor_client
):
    resolution = adopt(accounts)
    invoice_issue(member=make_city(), year=2026)

    response = editor_client.post(
        reverse("admin:governance_resolution_reverse", args=[resolution.pk]),
        {"confirm": "on"},
    )

    assert response.status_code == HTTPStatus.OK
    assert "Invoices were issued" in str(response.context["form"].non_field_errors())
    pending.refresh_from_db()
    assert pending.approved_on == DAY
