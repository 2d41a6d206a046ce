"""An adopted resolution takes effect once, atomically with its outcome, and
reversing it says what it undoes."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from governance.models import ElectedMandate, Resolution
from governance.services import (
    resolution_apply,
    resolution_record_votes,
    resolution_reverse,
)
from members.models import BoardMandate, MemberCity
from tests import factories
from tests.governance.utils import DAY, make_resolution, present

pytestmark = pytest.mark.django_db


@pytest.fixture
def quorate(assembly):
    present(assembly, *assembly.paid, assembly.waived)
    return assembly


def adopt(resolution):
    return resolution_record_votes(
        resolution=resolution, votes_for=3, votes_against=0, abstentions=0
    )


@pytest.fixture
def candidate():
    return factories.MemberCityFactory(
        name="Candidate", status=MemberCity.Status.SUSPENDED, join_year=2001
    )


def test_an_admission_activates_the_member_with_its_join_year_once(quorate, candidate):
    resolution = adopt(
        make_resolution(quorate, kind=Resolution.Kind.ADMISSION, member_city=candidate)
    )
    candidate.refresh_from_db()
    assert candidate.status == MemberCity.Status.ACTIVE
    assert candidate.join_year == 2026 and candidate.status_changed_on == DAY
    applied_at = resolution.applied_at
    assert applied_at is not None
    # Applying again, or saving again, changes nothing.
    candidate.join_year = 2010
    candidate.save()
    resolution_apply(resolution=resolution)
    resolution.save()
    candidate.refresh_from_db()
    assert candidate.join_year == 2010
    resolution.refresh_from_db()
    assert resolution.applied_at == applied_at


def test_reversing_an_admission_says_what_it_undoes(quorate, candidate):
    resolution = adopt(
        make_resolution(quorate, kind=Resolution.Kind.ADMISSION, member_city=candidate)
    )
    undone = resolution_reverse(resolution=resolution)
    candidate.refresh_from_db()
    assert candidate.status == MemberCity.Status.SUSPENDED
    assert candidate.join_year == 2001
    assert undone == ["Candidate is suspended again, joined in 2001."]
    resolution.refresh_from_db()
    assert resolution.applied_at is None and resolution.votes_for is None


def test_a_rejected_resolution_has_no_effect(quorate, candidate):
    resolution = resolution_record_votes(
        resolution=make_resolution(
            quorate, kind=Resolution.Kind.ADMISSION, member_city=candidate
        ),
        votes_for=1,
        votes_against=2,
        abstentions=0,
    )
    candidate.refresh_from_db()
    assert candidate.status == MemberCity.Status.SUSPENDED
    assert resolution.applied_at is None
    with pytest.raises(ValidationError):
        resolution_apply(resolution=resolution)


def election(meeting, *mandates):
    resolution = make_resolution(meeting, kind=Resolution.Kind.BOARD_ELECTION)
    for member, role in mandates:
        ElectedMandate.objects.create(
            resolution=resolution, member=member, role=role, start_date=DAY
        )
    return resolution


def test_an_election_ends_the_replaced_mandates_and_keeps_one_president(quorate):
    old = factories.BoardMandateFactory(
        role=BoardMandate.Role.PRESIDENT, start_date=datetime.date(2022, 6, 1)
    )
    acting_before = factories.BoardMandateFactory(
        role=BoardMandate.Role.TREASURER, start_date=datetime.date(2022, 6, 1)
    )
    barcelona, berlin = quorate.paid
    resolution = adopt(
        election(
            quorate,
            (barcelona, BoardMandate.Role.PRESIDENT),
            (berlin, BoardMandate.Role.CO_PRESIDENT),
        )
    )
    old.refresh_from_db()
    assert old.end_date == DAY - datetime.timedelta(days=1)
    acting_before.refresh_from_db()
    assert acting_before.end_date is None  # not a role elected
    assert BoardMandate.objects.president_on(DAY).member == barcelona
    assert BoardMandate.objects.presiding().current_on(DAY).count() == 1
    assert len(resolution.effect["created"]) == 2
    resolution_apply(resolution=resolution)
    assert BoardMandate.objects.filter(member__in=quorate.paid).count() == 2
    undone = resolution_reverse(resolution=resolution)
    assert len(undone) == 3
    old.refresh_from_db()
    assert old.end_date is None
    assert not BoardMandate.objects.filter(member__in=quorate.paid).exists()


def test_an_elected_president_ends_an_acting_presidency(quorate):
    acting = factories.BoardMandateFactory(
        role=BoardMandate.Role.ACTING_PRESIDENT, start_date=datetime.date(2026, 1, 1)
    )
    adopt(election(quorate, (quorate.paid[0], BoardMandate.Role.PRESIDENT)))
    acting.refresh_from_db()
    assert acting.end_date == DAY - datetime.timedelta(days=1)


def test_a_failure_half_way_leaves_nothing(quorate):
    old = factories.BoardMandateFactory(
        role=BoardMandate.Role.PRESIDENT, start_date=datetime.date(2022, 6, 1)
    )
    resolution = election(
        quorate,
        (quorate.paid[0], BoardMandate.Role.PRESIDENT),
        (quorate.paid[1], BoardMandate.Role.TREASURER),
    )
    real_save = BoardMandate.save
    calls = []

    def failing_save(self, *args, **kwargs):
        calls.append(self.role)
        if self.role == BoardMandate.Role.TREASURER:
            raise RuntimeError("disk full")
        return real_save(self, *args, **kwargs)

    with (
        mock.patch.object(BoardMandate, "save", failing_save),
        pytest.raises(RuntimeError),
    ):
        adopt(resolution)
    assert calls  # the failure came after writes had begun
    old.refresh_from_db()
    resolution.refresh_from_db()
    assert old.end_date is None
    assert resolution.votes_for is None and resolution.applied_at is None
    assert not BoardMandate.objects.filter(member__in=quorate.paid).exists()


def test_plan_adoption_and_fee_grid_approval_are_recorded_on_the_resolution(
    quorate,
):
    plan = factories.StrategicActionPlanFactory()
    resolution = adopt(
        make_resolution(quorate, kind=Resolution.Kind.PLAN_ADOPTION, plan=plan)
    )
    assert plan.resolutions.filter(applied_at__isnull=False).get() == resolution
    assert resolution_reverse(resolution=resolution) == [
        f"{plan} is no longer adopted."
    ]


def test_an_election_without_mandates_is_refused_and_leaves_the_votes_unset(
    quorate,
):
    resolution = make_resolution(quorate, kind=Resolution.Kind.BOARD_ELECTION)
    with pytest.raises(ValidationError) as error:
        adopt(resolution)
    assert "kind" in error.value.message_dict
    resolution.refresh_from_db()
    assert resolution.votes_for is None
    assert connection.in_atomic_block  # the test's own transaction, unbroken
