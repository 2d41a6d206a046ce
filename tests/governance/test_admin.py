"""The admin: the roll-call page records attendance and votes through the
services, refuses bad input naming the field, and exports the roll and
minutes; only the secretariat gets in."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from governance.models import Attendance, Resolution
from tests.governance.utils import make_resolution, present

pytestmark = pytest.mark.django_db


def roll_call(meeting):
    return reverse("admin:governance_meeting_roll_call", args=[meeting.pk])


def test_the_roll_call_page_shows_who_may_vote_and_why(editor_client, assembly):
    present(assembly, assembly.paid[0])
    response = editor_client.get(roll_call(assembly))
    assert response.status_code == HTTPStatus.OK
    text = response.content.decode()
    assert "unpaid" in text and "waived" in text
    assert "1 of 3 member cities entitled to vote" in text
    assert "no quorum" in text


def test_attendance_and_votes_are_recorded_through_the_services(
    editor_client, assembly
):
    barcelona, berlin = assembly.paid
    for member in (barcelona, assembly.waived):
        response = editor_client.post(
            roll_call(assembly), {"member": member.pk, "status": "present"}
        )
        assert response.status_code == HTTPStatus.FOUND
    editor_client.post(
        roll_call(assembly),
        {"member": berlin.pk, "status": "represented", "proxy_holder": barcelona.pk},
    )
    assert Attendance.objects.get(member=berlin).proxy_holder == barcelona
    resolution = make_resolution(assembly)
    response = editor_client.post(
        roll_call(assembly),
        {
            "resolution": resolution.pk,
            "votes_for": 3,
            "votes_against": 0,
            "abstentions": 0,
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    resolution.refresh_from_db()
    assert resolution.votes_for == 3 and resolution.applied_at is not None


def test_a_bad_proxy_is_refused_on_the_page_and_nothing_written(
    editor_client, assembly
):
    barcelona, berlin = assembly.paid
    response = editor_client.post(
        roll_call(assembly),
        {"member": berlin.pk, "status": "represented", "proxy_holder": barcelona.pk},
    )
    assert response.status_code == HTTPStatus.OK
    assert "must be present" in response.content.decode()
    assert not Attendance.objects.filter(member=berlin).exists()


@pytest.mark.parametrize(
    "votes",
    [
        {"votes_for": -1, "votes_against": 0, "abstentions": 0},
        {"votes_for": "x", "votes_against": 0, "abstentions": 0},
        {"votes_for": 5, "votes_against": 0, "abstentions": 0},
    ],
)
def test_bad_votes_are_refused_and_nothing_written(editor_client, assembly, votes):
    present(assembly, *assembly.paid)
    resolution = make_resolution(assembly)
    response = editor_client.post(
        roll_call(assembly), {"resolution": resolution.pk, **votes}
    )
    assert response.status_code == HTTPStatus.OK
    assert "errornote" in response.content.decode()
    assert Resolution.objects.get(pk=resolution.pk).votes_for is None


def test_the_roll_and_minutes_export_as_csv_and_pdf(editor_client, assembly):
    present(assembly, *assembly.paid)
    make_resolution(assembly, text="Adopt the accounts.")
    name = "admin:governance_meeting_"
    roll_csv = editor_client.get(reverse(name + "roll_csv", args=[assembly.pk]))
    assert roll_csv["Content-Type"].startswith("text/csv")
    assert "Montevideo,Not recorded,,no," in roll_csv.content.decode()
    minutes_csv = editor_client.get(reverse(name + "minutes_csv", args=[assembly.pk]))
    assert "Adopt the accounts." in minutes_csv.content.decode()
    for document in ("roll_pdf", "minutes_pdf"):
        response = editor_client.get(reverse(name + document, args=[assembly.pk]))
        assert response.status_code == HTTPStatus.OK
        assert response.content.startswith(b"%PDF")


def test_reversing_says_what_it_undid(editor_client, assembly):
    present(assembly, *assembly.paid, assembly.waived)
    resolution = make_resolution(assembly)
    editor_client.post(
        roll_call(assembly),
        {
            "resolution": resolution.pk,
            "votes_for": 2,
            "votes_against": 0,
            "abstentions": 1,
        },
    )
    url = reverse("admin:governance_resolution_reverse", args=[resolution.pk])
    response = editor_client.post(url, {"confirm": "on"})
    assert response.status_code == HTTPStatus.FOUND
    resolution.refresh_from_db()
    assert resolution.applied_at is None


@pytest.mark.parametrize("persona", ["visitor", "liaison"])
def test_only_the_secretariat_gets_in(client, assembly, liaison, persona):
    if persona == "liaison":
        client.force_login(liaison)
    for url in (
        roll_call(assembly),
        reverse("admin:governance_meeting_roll_csv", args=[assembly.pk]),
    ):
        response = client.get(url)
        assert response.status_code == HTTPStatus.FOUND
        assert "/login/" in response["Location"]
