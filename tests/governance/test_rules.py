"""The notice rule, the proxy rules and the Acting President's seat."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from governance.models import Attendance, Meeting
from governance.services import attendance_record
from members.models import BoardMandate
from tests import factories
from tests.governance.utils import DAY, make_meeting, present

pytestmark = pytest.mark.django_db


def test_a_general_assembly_needs_fifteen_days_notice():
    meeting = make_meeting(convened_on=DAY - datetime.timedelta(days=14))
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "15 days" in error.value.message_dict["convened_on"][0]
    meeting.convened_on = DAY - datetime.timedelta(days=15)
    meeting.full_clean()


def test_the_notice_is_configurable_and_a_board_meeting_needs_none(settings):
    settings.GOVERNANCE_NOTICE_DAYS = 30
    meeting = make_meeting(convened_on=DAY - datetime.timedelta(days=20))
    with pytest.raises(ValidationError):
        meeting.full_clean()
    meeting.body = Meeting.Body.BOARD
    meeting.full_clean()


def test_a_convened_meeting_has_its_convening_day_in_the_database_too():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_meeting(convened_on=None, status=Meeting.Status.CONVENED)


def represent(meeting, member, holder):
    return attendance_record(
        meeting=meeting, member=member, status="represented", proxy_holder=holder
    )


def proxy_error(meeting, member, holder) -> str:
    with pytest.raises(ValidationError) as error:
        represent(meeting, member, holder)
    assert not Attendance.objects.filter(member=member, status="represented").exists()
    return error.value.message_dict["proxy_holder"][0]


def test_a_holder_holds_one_proxy_by_default(assembly):
    barcelona, berlin = assembly.paid
    present(assembly, barcelona)
    represent(assembly, berlin, barcelona)
    assert "already holds 1" in proxy_error(assembly, assembly.waived, barcelona)


def test_the_proxy_limit_is_configurable(assembly, settings):
    settings.GOVERNANCE_PROXY_LIMIT = 2
    barcelona, berlin = assembly.paid
    present(assembly, barcelona)
    represent(assembly, berlin, barcelona)
    represent(assembly, assembly.waived, barcelona)
    assert Attendance.objects.filter(proxy_holder=barcelona).count() == 2


def test_the_holder_must_be_present(assembly):
    barcelona, berlin = assembly.paid
    assert "must be present" in proxy_error(assembly, berlin, barcelona)
    attendance_record(meeting=assembly, member=barcelona, status="apologies")
    assert "must be present" in proxy_error(assembly, berlin, barcelona)


def test_the_holder_must_be_entitled_to_vote(assembly):
    present(assembly, assembly.unpaid)
    message = proxy_error(assembly, assembly.paid[0], assembly.unpaid)
    assert "may not vote" in message and "unpaid" in message


def test_proxies_do_not_chain(assembly):
    barcelona, berlin = assembly.paid
    present(assembly, barcelona)
    represent(assembly, berlin, barcelona)
    assert "do not chain" in proxy_error(assembly, assembly.waived, berlin)


def test_a_holder_cannot_leave_while_holding_a_proxy(assembly):
    barcelona, berlin = assembly.paid
    present(assembly, barcelona, assembly.waived)
    represent(assembly, berlin, barcelona)
    with pytest.raises(ValidationError) as error:
        represent(assembly, barcelona, assembly.waived)
    assert "status" in error.value.message_dict
    assert Attendance.objects.get(member=barcelona).status == "present"


def test_own_proxy_and_proxy_without_representation_are_refused(assembly):
    barcelona, berlin = assembly.paid
    present(assembly, barcelona)
    assert "own proxy" in proxy_error(assembly, barcelona, barcelona)
    with pytest.raises(ValidationError) as error:
        attendance_record(
            meeting=assembly, member=berlin, status="apologies", proxy_holder=barcelona
        )
    assert "proxy_holder" in error.value.message_dict


def test_the_database_refuses_a_proxy_without_representation(assembly):
    barcelona, berlin = assembly.paid
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(
            meeting=assembly, member=berlin, status="present", proxy_holder=barcelona
        )


def test_one_president_or_acting_president_on_any_day():
    factories.BoardMandateFactory(
        role=BoardMandate.Role.PRESIDENT, start_date=datetime.date(2024, 1, 1)
    )
    acting = factories.BoardMandateFactory.build(
        member=factories.MemberCityFactory(),
        role=BoardMandate.Role.ACTING_PRESIDENT,
        start_date=datetime.date(2025, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        acting.full_clean()
    assert (
        "one President or Acting President" in error.value.message_dict["start_date"][0]
    )
