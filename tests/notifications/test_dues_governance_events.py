"""Statutory e-mails from events: an invoice issued to its member's liaisons,
a General Assembly convened to the liaisons of every active member."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from dues.services import invoices_issue
from governance.models import Meeting
from governance.services import meeting_save
from members.models import MemberCity
from notifications.models import Kind, Message, Preference
from tests import factories
from tests.admin_utils import changeform_data
from tests.dues.utils import make_city, make_grid, make_invoice
from tests.governance.utils import make_meeting

pytestmark = pytest.mark.django_db


def recipients(kind):
    return sorted(
        Message.objects.filter(kind=kind).values_list("recipient_email", flat=True)
    )


@pytest.fixture
def city():
    return make_city(name="Barcelona", slug="barcelona")


@pytest.fixture
def city_liaison(city):
    return factories.LiaisonFactory(user__username="bcn", member=city).user


def test_invoice_issued_to_its_liaisons(run_on_commit, city, city_liaison, liaison):
    make_grid()
    with run_on_commit():
        invoice = make_invoice(city)
    assert recipients(Kind.INVOICE_ISSUED) == ["bcn@example.org"]
    (email,) = mail.outbox
    assert invoice.number in email.subject
    assert invoice.get_absolute_url() in email.body


def test_a_year_issued_at_once_tells_each_member(
    run_on_commit, city, city_liaison, other_liaison
):
    make_grid()
    dakar = MemberCity.objects.get(slug="dakar")
    make_city(name="Lyon", slug="lyon")  # no liaison: nobody to tell
    for member in (dakar,):
        member.income_band = MemberCity.IncomeBand.LOW
        member.join_year = 2000
        member.save()
    with run_on_commit():
        report = invoices_issue(year=2026, issued_on=datetime.date(2026, 1, 15))
    assert len(report.issued) == 3
    assert recipients(Kind.INVOICE_ISSUED) == [
        "bcn@example.org",
        "other-liaison@example.org",
    ]
    assert len(mail.outbox) == 2


def test_opted_out_liaison_still_gets_the_invoice(run_on_commit, city, city_liaison):
    Preference.objects.create(user=city_liaison, non_statutory=False)
    make_grid()
    with run_on_commit():
        make_invoice(city)
    assert recipients(Kind.INVOICE_ISSUED) == ["bcn@example.org"]


def test_convening_a_general_assembly_tells_every_member(
    run_on_commit, city, city_liaison, liaison, other_liaison
):
    MemberCity.objects.filter(slug="dakar").update(status=MemberCity.Status.SUSPENDED)
    meeting = make_meeting(status=Meeting.Status.PLANNED, convened_on=None)
    meeting.status = Meeting.Status.CONVENED
    meeting.convened_on = datetime.date(2026, 5, 1)
    with run_on_commit():
        meeting_save(meeting=meeting)
    assert recipients(Kind.MEETING_CONVENED) == [
        "bcn@example.org",
        "liaison@example.org",
    ]
    assert "General Assembly 2026" in mail.outbox[0].subject
    assert reverse("portal:meetings") in mail.outbox[0].body


def test_saving_a_convened_meeting_again_tells_nobody_again(
    run_on_commit, city_liaison
):
    meeting = make_meeting(status=Meeting.Status.PLANNED, convened_on=None)
    meeting.status = Meeting.Status.CONVENED
    meeting.convened_on = datetime.date(2026, 5, 1)
    with run_on_commit():
        meeting_save(meeting=meeting)
        meeting.place = "Lyon"
        meeting_save(meeting=meeting)
    assert recipients(Kind.MEETING_CONVENED) == ["bcn@example.org"]
    assert len(mail.outbox) == 1


def test_a_board_meeting_is_no_general_assembly(run_on_commit, city_liaison):
    with run_on_commit():
        meeting_save(
            meeting=Meeting(
                body=Meeting.Body.BOARD,
                title="Board",
                slug="board",
                starts_at=make_meeting().starts_at,
                status=Meeting.Status.CONVENED,
                convened_on=datetime.date(2026, 5, 1),
            )
        )
    assert not Message.objects.exists()


def test_convened_in_the_admin(run_on_commit, editor_client, city_liaison):
    meeting = make_meeting(status=Meeting.Status.PLANNED, convened_on=None)
    url = reverse("admin:governance_meeting_change", args=[meeting.pk])
    data = changeform_data(editor_client.get(url))
    data.update(status=Meeting.Status.CONVENED, convened_on="2026-05-01")
    with run_on_commit():
        response = editor_client.post(url, data)
    assert response.status_code == 302
    assert recipients(Kind.MEETING_CONVENED) == ["bcn@example.org"]


def test_convened_through_the_api(run_on_commit, editor_api, city_liaison):
    meeting = make_meeting(status=Meeting.Status.PLANNED, convened_on=None)
    url = reverse("api:meeting-detail", kwargs={"slug": meeting.slug})
    with run_on_commit():
        response = editor_api.patch(
            url, {"status": "convened", "convened_on": "2026-05-01"}, format="json"
        )
    assert response.status_code == 200, response.json()
    assert recipients(Kind.MEETING_CONVENED) == ["bcn@example.org"]
