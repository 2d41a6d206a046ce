"""The roll reads every member's right at once: each line says what
may_vote() says for that member alone, in the same number of queries for a
few members or many."""

import datetime

import pytest

from governance.models import Meeting
from governance.roll import may_vote, roll
from members.models import BoardMandate, MemberCity
from tests import factories
from tests.governance.utils import (
    DAY,
    grid_2025,
    make_meeting,
    member_paid,
    member_unpaid,
    present,
)

pytestmark = pytest.mark.django_db


def assert_lines_are_each_members_answer(meeting):
    lines = roll(meeting).lines
    assert lines
    for line in lines:
        right = may_vote(meeting, line.member)
        assert (line.entitled, line.reason) == (right.entitled, right.reason)


def test_assembly_lines_equal_the_per_member_answer(assembly):
    suspended = member_paid("Quito")
    suspended.status = MemberCity.Status.SUSPENDED
    suspended.save()
    present(assembly, *assembly.paid, assembly.waived, assembly.unpaid, suspended)
    late = member_paid("Seoul", paid_on=DAY + datetime.timedelta(days=1))

    assert_lines_are_each_members_answer(assembly)
    by_name = {line.member.name: line for line in roll(assembly).lines}
    assert "suspended" in by_name["Quito"].why and not by_name["Quito"].entitled
    assert not by_name[late.name].entitled


def board_meeting():
    return make_meeting(
        body=Meeting.Body.BOARD, title="Board, June 2026", slug="board-2026-06"
    )


def test_board_lines_equal_the_per_member_answer():
    holder = factories.BoardMandateFactory(role=BoardMandate.Role.TREASURER).member
    factories.BoardMandateFactory(end_date=DAY - datetime.timedelta(days=1))
    factories.MemberCityFactory()
    meeting = board_meeting()
    present(meeting, holder)

    assert_lines_are_each_members_answer(meeting)
    by_pk = {line.member.pk: line for line in roll(meeting).lines}
    assert by_pk[holder.pk].on_roll and "Treasurer" in by_pk[holder.pk].why
    assert sum(line.entitled for line in by_pk.values()) == 1


@pytest.mark.parametrize("size", [2, 20])
def test_an_assembly_roll_reads_the_same_queries_for_2_or_20_members(
    size, django_assert_max_num_queries
):
    grid_2025()
    meeting = make_meeting()
    for number in range(size):
        member = (member_paid if number % 2 else member_unpaid)(f"City {number}")
        present(meeting, member)

    with django_assert_max_num_queries(5):
        meeting_roll = roll(meeting)

    assert meeting_roll.entitled_count == size // 2
    assert meeting_roll.size == size // 2


@pytest.mark.parametrize("size", [2, 20])
def test_a_board_roll_reads_the_same_queries_for_2_or_20_members(
    size, django_assert_max_num_queries
):
    factories.BoardMandateFactory.create_batch(size)
    factories.MemberCityFactory.create_batch(size)
    meeting = board_meeting()

    with django_assert_max_num_queries(3):
        meeting_roll = roll(meeting)

    assert len(meeting_roll.lines) == 2 * size
    assert meeting_roll.entitled_count == size
