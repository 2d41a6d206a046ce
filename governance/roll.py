"""What a meeting's records imply, never stored: who may vote and why, the
voting roll, quorum, majority and each resolution's outcome.

The right to vote at a General Assembly is dues' (dues.standing); at a Board
meeting, it is holding a board mandate on the meeting's day.
"""

import math
from dataclasses import dataclass
from fractions import Fraction

from django.conf import settings
from django.utils.translation import gettext as _

from dues.standing import VotingRight, voting_right, voting_rights, with_entitlement
from governance.models import Attendance, Meeting, Resolution
from members.models import BoardMandate, MemberCity

# Quorum: the share of the members entitled to vote that must be present or
# represented. Majority: the share of the votes cast (for + against) that must
# be for. Both per kind of resolution, "default" for the others.
DEFAULT_QUORUM = {"default": "1/2"}
DEFAULT_MAJORITY = {"default": "simple", "statutes": "2/3"}


def quorum_share(kind: str) -> Fraction:
    table = DEFAULT_QUORUM | getattr(settings, "GOVERNANCE_QUORUM", {})
    return Fraction(table.get(kind, table["default"]))


def majority_rule(kind: str) -> str:
    table = DEFAULT_MAJORITY | getattr(settings, "GOVERNANCE_MAJORITY", {})
    return table.get(kind, table["default"])


def board_right(member: MemberCity, day) -> VotingRight:
    mandate = (
        BoardMandate.objects.filter(member=member)
        .current_on(day)
        .order_by("role")
        .first()
    )
    return board_reason(mandate, day)


def board_rights(members, day) -> dict[int, VotingRight]:
    """board_right() of each of `members` (a QuerySet), by primary key, in
    one query besides the members'."""
    mandates = {}
    for mandate in (
        BoardMandate.objects.filter(member__in=members)
        .current_on(day)
        .order_by("member", "role")
    ):
        mandates.setdefault(mandate.member_id, mandate)
    return {member.pk: board_reason(mandates.get(member.pk), day) for member in members}


def board_reason(mandate: BoardMandate | None, day) -> VotingRight:
    """The rule of board_right() and board_rights(): the member's first
    mandate on the day by role, if any."""
    if mandate is None:
        return VotingRight(False, _("Holds no board mandate on the day."), day.year)
    return VotingRight(
        True,
        _("%(role)s on the day.") % {"role": mandate.get_role_display()},
        day.year,
    )


def inactive(meeting: Meeting, member: MemberCity) -> VotingRight | None:
    """At a General Assembly, a member that is not active may not vote."""
    if member.status == MemberCity.Status.ACTIVE:
        return None
    return VotingRight(
        False,
        _("The member city is %(status)s.")
        % {"status": member.get_status_display().lower()},
        meeting.day.year - 1,
    )


def may_vote(meeting: Meeting, member: MemberCity) -> VotingRight:
    """Whether `member` may vote at `meeting`, and why."""
    if meeting.is_general_assembly:
        return inactive(meeting, member) or voting_right(member, meeting.day)
    return board_right(member, meeting.day)


def may_vote_each(meeting: Meeting, members) -> dict[int, VotingRight]:
    """may_vote() of each of `members` (a QuerySet), by primary key, in a
    fixed number of queries whatever their number."""
    if meeting.is_general_assembly:
        dues = voting_rights(members, meeting.day)
        return {
            member.pk: inactive(meeting, member) or dues[member.pk]
            for member in members
        }
    return board_rights(members, meeting.day)


def electorate(meeting: Meeting):
    """The member cities entitled to vote at `meeting` (a QuerySet)."""
    if meeting.is_general_assembly:
        return (
            with_entitlement(MemberCity.objects.active(), meeting.day)
            .filter(entitled_to_vote=True)
            .order_by("name")
        )
    holders = BoardMandate.objects.current_on(meeting.day).values("member")
    return MemberCity.objects.filter(pk__in=holders).order_by("name")


@dataclass(frozen=True)
class RollLine:
    member: MemberCity
    attendance: Attendance | None
    entitled: bool
    reason: str

    @property
    def attends(self) -> bool:
        return self.attendance is not None and self.attendance.status in (
            Attendance.Status.PRESENT,
            Attendance.Status.REPRESENTED,
        )

    @property
    def on_roll(self) -> bool:
        return self.entitled and self.attends

    @property
    def status_label(self) -> str:
        if self.attendance is None:
            return _("Not recorded")
        return self.attendance.get_status_display()

    @property
    def why(self) -> str:
        """Why the member is or is not on the roll."""
        if not self.entitled:
            return self.reason
        if not self.attends:
            return _("%(reason)s Neither present nor represented.") % {
                "reason": self.reason
            }
        if self.attendance.status == Attendance.Status.REPRESENTED:
            return _("%(reason)s Represented by %(holder)s.") % {
                "reason": self.reason,
                "holder": self.attendance.proxy_holder,
            }
        return self.reason


@dataclass(frozen=True)
class Roll:
    meeting: Meeting
    lines: list[RollLine]

    @property
    def entitled_count(self) -> int:
        return sum(line.entitled for line in self.lines)

    @property
    def voters(self) -> list[RollLine]:
        return [line for line in self.lines if line.on_roll]

    @property
    def size(self) -> int:
        return len(self.voters)

    def quorum_needed(self, kind: str = "default") -> int:
        return max(1, math.ceil(self.entitled_count * quorum_share(kind)))

    def has_quorum(self, kind: str = "default") -> bool:
        return self.entitled_count > 0 and self.size >= self.quorum_needed(kind)


def roll(meeting: Meeting) -> Roll:
    """Every active member city (and every one that attended), whether it is
    on the roll of `meeting` and why (one reasoned answer each), in a fixed
    number of queries whatever the number of members."""
    attendances = {
        a.member_id: a
        for a in meeting.attendances.select_related("member", "proxy_holder")
    }
    members = (
        MemberCity.objects.filter(pk__in=attendances.keys())
        | MemberCity.objects.active()
    )
    members = members.distinct().order_by("name")
    rights = may_vote_each(meeting, members)
    lines = [
        RollLine(
            member,
            attendances.get(member.pk),
            rights[member.pk].entitled,
            rights[member.pk].reason,
        )
        for member in members
    ]
    return Roll(meeting, lines)


def passes(resolution: Resolution) -> bool:
    cast = resolution.votes_for + resolution.votes_against
    if cast == 0:
        return False
    rule = majority_rule(resolution.kind)
    if rule == "simple":
        return resolution.votes_for > resolution.votes_against
    return Fraction(resolution.votes_for, cast) >= Fraction(rule)


def outcome(resolution: Resolution, meeting_roll: Roll | None = None) -> str | None:
    """Adopted, rejected or no quorum; None before the votes are recorded."""
    if not resolution.has_votes:
        return None
    meeting_roll = meeting_roll or roll(resolution.meeting)
    if not meeting_roll.has_quorum(resolution.kind):
        return Resolution.Outcome.NO_QUORUM
    return (
        Resolution.Outcome.ADOPTED
        if passes(resolution)
        else Resolution.Outcome.REJECTED
    )
