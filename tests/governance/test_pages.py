"""The public pages and the iCalendar feed."""

import datetime
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from governance.models import AgendaItem, Meeting, Resolution
from governance.services import resolution_record_votes
from tests.governance.utils import (
    MADRID,
    STARTS_AT,
    make_meeting,
    make_resolution,
    present,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(assembly):
    present(assembly, *assembly.paid, assembly.waived)
    resolution = make_resolution(assembly)
    resolution_record_votes(
        resolution=resolution, votes_for=2, votes_against=1, abstentions=0
    )
    return assembly


def test_the_list_shows_coming_and_past_meetings_not_planned_ones(client, held):
    coming = make_meeting(
        title="General Assembly 2027",
        slug="ga-2027",
        starts_at=datetime.datetime(2099, 6, 1, 10, tzinfo=MADRID),
        convened_on=datetime.date(2099, 4, 1),
        status=Meeting.Status.CONVENED,
    )
    make_meeting(title="Draft", slug="draft", status=Meeting.Status.PLANNED)
    response = client.get(reverse("governance:meeting-list"))
    assert response.status_code == HTTPStatus.OK
    assert response.context["coming"] == [coming]
    assert list(response.context["object_list"]) == [held]
    assert b"Draft" not in response.content


def test_the_detail_shows_counts_and_outcome_but_not_who_voted_how(client, held):
    response = client.get(held.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    text = response.content.decode()
    assert "Adopted" in text
    assert "3 of 3 member cities entitled to vote" in text
    assert "Berlin" not in text  # the attendance list is not public


def test_a_planned_meeting_is_not_public(client):
    meeting = make_meeting(status=Meeting.Status.PLANNED, convened_on=None)
    assert client.get(meeting.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_minutes_are_public_once_approved_and_sanitized(client, held):
    held.minutes = "# Minutes\n\nDone.<script>alert(1)</script>"
    held.save()
    assert b"Done." not in client.get(held.get_absolute_url()).content
    held.minutes_approved = True
    held.save()
    content = client.get(held.get_absolute_url()).content
    assert b"Done." in content and b"<script>alert" not in content


def test_the_calendar_parses_and_carries_the_madrid_time(client, held):
    AgendaItem.objects.create(meeting=held, position=2, title="Accounts")
    response = client.get(reverse("governance:meetings-ics"))
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    start = event.decoded("dtstart")
    assert start == STARTS_AT
    assert (start.hour, start.utcoffset()) == (10, datetime.timedelta(hours=2))
    assert event["dtstart"].params["TZID"] == "Europe/Madrid"
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["tzid"] == "Europe/Madrid"
    assert str(event["summary"]) == "General Assembly 2026"


def test_a_members_page_lists_the_decisions_about_it(client, held):
    barcelona = held.paid[0]
    admission = make_resolution(
        held,
        kind=Resolution.Kind.ADMISSION,
        position=2,
        member_city=barcelona,
        text="Barcelona is admitted.",
    )
    resolution_record_votes(
        resolution=admission, votes_for=3, votes_against=0, abstentions=0
    )
    make_resolution(held, position=3, text="About something else.")

    response = client.get(barcelona.get_absolute_url())

    assert response.status_code == HTTPStatus.OK
    text = response.content.decode()
    assert "Admission of a member" in text
    assert held.get_absolute_url() in text
    # Berlin's page names no decision: the admission is Barcelona's.
    other = client.get(held.paid[1].get_absolute_url()).content.decode()
    assert "Admission of a member" not in other
    assert "No decision about this member is recorded." in other


def test_a_members_decisions_cost_one_query_whatever_their_number(
    client, held, django_assert_max_num_queries
):
    barcelona = held.paid[0]
    client.get(barcelona.get_absolute_url())
    with CaptureQueriesContext(connection) as none:
        client.get(barcelona.get_absolute_url())
    for position in (2, 3, 4):
        resolution = make_resolution(
            held,
            kind=Resolution.Kind.ADMISSION,
            position=position,
            member_city=barcelona,
        )
        resolution_record_votes(
            resolution=resolution, votes_for=3, votes_against=0, abstentions=0
        )

    with django_assert_max_num_queries(len(none)):
        response = client.get(barcelona.get_absolute_url())

    assert response.content.decode().count("Admission of a member") == 3
