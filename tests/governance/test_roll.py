"""The voting roll on the meeting's day, quorum, majority and outcome."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from governance.models import Resolution
from governance.roll import outcome, roll
from governance.services import attendance_record, resolution_record_votes
from tests.governance.utils import DAY, make_resolution, member_paid, present

pytestmark = pytest.mark.django_db


def lines(meeting):
    return {line.member.name: line for line in roll(meeting).lines}


def test_paid_and_waived_members_are_entitled_unpaid_is_not_with_its_reason(
    assembly,
):
    present(assembly, *assembly.paid, assembly.waived, assembly.unpaid)
    by_name = lines(assembly)
    assert by_name["Barcelona"].on_roll and by_name["Lagos"].on_roll
    assert not by_name["Montevideo"].on_roll
    assert "unpaid" in by_name["Montevideo"].why
    assert "waived" in by_name["Lagos"].why
    assert roll(assembly).size == 3 and roll(assembly).entitled_count == 3


def test_paid_on_the_day_counts_paid_after_the_day_does_not(assembly):
    on_the_day = member_paid("Mexico City", paid_on=DAY)
    late = member_paid("Seoul", paid_on=DAY + datetime.timedelta(days=1))
    present(assembly, on_the_day, late)
    by_name = lines(assembly)
    assert by_name["Mexico City"].on_roll
    assert not by_name["Seoul"].on_roll and "unpaid" in by_name["Seoul"].why


def test_entitled_but_absent_member_is_off_the_roll_and_says_why(assembly):
    present(assembly, assembly.paid[0])
    line = lines(assembly)["Berlin"]
    assert line.entitled and not line.on_roll
    assert "Neither present nor represented" in line.why


def test_a_represented_member_is_on_the_roll(assembly):
    barcelona, berlin = assembly.paid
    present(assembly, barcelona)
    attendance_record(
        meeting=assembly, member=berlin, status="represented", proxy_holder=barcelona
    )
    assert lines(assembly)["Berlin"].on_roll
    assert "Represented by Barcelona" in lines(assembly)["Berlin"].why


def test_quorum_is_half_of_the_entitled_members(assembly):
    present(assembly, assembly.paid[0])  # 1 of 3 entitled
    assert roll(assembly).quorum_needed() == 2
    assert not roll(assembly).has_quorum()
    present(assembly, assembly.unpaid)  # not entitled: no help
    assert not roll(assembly).has_quorum()
    present(assembly, assembly.waived)
    assert roll(assembly).has_quorum()


@pytest.mark.django_db
def test_quorum_is_configurable(assembly, settings):
    settings.GOVERNANCE_QUORUM = {"default": "1/1"}
    present(assembly, *assembly.paid)
    assert not roll(assembly).has_quorum()
    present(assembly, assembly.waived)
    assert roll(assembly).has_quorum()


def votes(resolution, *counts):
    resolution.votes_for, resolution.votes_against, resolution.abstentions = counts
    return outcome(resolution)


def test_outcomes_simple_majority_and_no_quorum(assembly):
    resolution = make_resolution(assembly)
    assert outcome(resolution) is None
    present(assembly, assembly.paid[0])
    assert votes(resolution, 1, 0, 0) == Resolution.Outcome.NO_QUORUM
    present(assembly, assembly.paid[1], assembly.waived)
    assert votes(resolution, 1, 1, 1) == Resolution.Outcome.REJECTED
    assert votes(resolution, 2, 1, 0) == Resolution.Outcome.ADOPTED
    assert votes(resolution, 0, 0, 3) == Resolution.Outcome.REJECTED


def test_the_service_stores_the_outcome_and_closes_the_roll(assembly):
    present(assembly, assembly.paid[0])
    resolution = resolution_record_votes(
        resolution=make_resolution(assembly),
        votes_for=1,
        votes_against=0,
        abstentions=0,
    )
    assert resolution.outcome == Resolution.Outcome.NO_QUORUM
    with pytest.raises(ValidationError) as error:
        present(assembly, assembly.paid[1])
    assert "roll is closed" in error.value.message_dict["status"][0]


def test_statutes_need_two_thirds_of_the_votes_cast(assembly):
    present(assembly, *assembly.paid, assembly.waived)
    statutes = make_resolution(assembly, kind=Resolution.Kind.STATUTES)
    statutes = resolution_record_votes(
        resolution=statutes, votes_for=1, votes_against=1, abstentions=1
    )
    assert outcome(statutes) == Resolution.Outcome.REJECTED
    statutes = resolution_record_votes(
        resolution=statutes, votes_for=2, votes_against=1, abstentions=0
    )
    assert outcome(statutes) == Resolution.Outcome.ADOPTED


def test_totals_cannot_exceed_the_roll_and_nothing_is_written(assembly):
    present(assembly, *assembly.paid, assembly.unpaid)
    resolution = make_resolution(assembly)
    with pytest.raises(ValidationError) as error:
        resolution_record_votes(
            resolution=resolution, votes_for=2, votes_against=1, abstentions=0
        )
    assert "votes_for" in error.value.message_dict
    resolution.refresh_from_db()
    assert resolution.votes_for is None


def test_negative_votes_are_refused_naming_the_field(assembly):
    present(assembly, *assembly.paid)
    resolution = make_resolution(assembly)
    with pytest.raises(ValidationError) as error:
        resolution_record_votes(
            resolution=resolution, votes_for=1, votes_against=-1, abstentions=0
        )
    assert "votes_against" in error.value.message_dict
