"""Every persona × the meetings and resolutions endpoints; writes through the
services; hostile input names the field and writes nothing; list costs pinned."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse

from governance.models import Attendance, Meeting, Resolution
from tests.api_utils import (
    ANONYMOUS,
    EDITOR,
    OTHER_LIAISON,
    OWN_LIAISON,
    PERSONAS,
    READ_KEY,
    WRITE_KEY,
)
from tests.governance.utils import MADRID, make_meeting, make_resolution, present

pytestmark = pytest.mark.django_db

OWN, OTHER = OWN_LIAISON, OTHER_LIAISON
OK, CREATED, NOT_FOUND = HTTPStatus.OK, HTTPStatus.CREATED, HTTPStatus.NOT_FOUND
UNAUTHORIZED, FORBIDDEN = HTTPStatus.UNAUTHORIZED, HTTPStatus.FORBIDDEN


@pytest.fixture
def coming(member, liaison, other_liaison):
    return make_meeting(
        title="General Assembly 2099",
        slug="ga-2099",
        starts_at=datetime.datetime(2099, 6, 1, 10, tzinfo=MADRID),
        convened_on=datetime.date(2099, 4, 1),
        status=Meeting.Status.CONVENED,
    )


def url(name, *args):
    return reverse(f"api:{name}", args=args)


@pytest.mark.parametrize("persona", PERSONAS)
def test_meetings_and_resolutions_are_public_planned_ones_are_not(
    api_as, persona, assembly, coming
):
    make_resolution(assembly)
    draft = make_meeting(
        title="Draft", slug="draft", status="planned", convened_on=None
    )
    client = api_as(persona)
    slugs = {m["slug"] for m in client.get(url("meeting-list")).json()["results"]}
    expected = {"general-assembly-2026", "ga-2099"}
    assert slugs == (
        expected | {"draft"} if persona in (WRITE_KEY, EDITOR) else expected
    )
    detail = client.get(url("meeting-detail", draft.slug)).status_code
    assert detail == (OK if persona in (WRITE_KEY, EDITOR) else NOT_FOUND)
    resolutions = client.get(url("resolution-list")).json()["results"]
    assert [r["meeting"] for r in resolutions] == ["general-assembly-2026"]
    assert "attendances" not in str(resolutions)


ROLL = {
    ANONYMOUS: NOT_FOUND,
    READ_KEY: NOT_FOUND,
    WRITE_KEY: OK,
    OWN: OK,
    OTHER: OK,
    EDITOR: OK,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_roll_for_the_secretariat_and_a_liaisons_own_line(
    api_as, persona, coming, member
):
    response = api_as(persona).get(url("meeting-roll", coming.slug))
    assert response.status_code == ROLL[persona]
    if persona in (OWN, OTHER):
        (line,) = response.json()
        assert (line["member"] == member.slug) == (persona == OWN)
    elif response.status_code == OK:
        assert len(response.json()) > 1


ATTEND = {
    ANONYMOUS: UNAUTHORIZED,
    READ_KEY: FORBIDDEN,
    WRITE_KEY: CREATED,
    OWN: CREATED,
    OTHER: FORBIDDEN,
    EDITOR: CREATED,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_attendance_for_the_secretariat_and_a_liaisons_own_city(
    api_as, persona, coming, member
):
    response = api_as(persona).post(
        url("meeting-attendance", coming.slug),
        {"member": member.slug, "status": "apologies"},
        format="json",
    )
    assert response.status_code == ATTEND[persona]
    recorded = Attendance.objects.filter(meeting=coming, member=member).exists()
    assert recorded == (response.status_code == CREATED)


def test_a_liaison_cannot_register_after_the_deadline(api_as, member, liaison):
    meeting = make_meeting(
        starts_at=datetime.datetime.now(MADRID) + datetime.timedelta(days=1),
        convened_on=datetime.date(2020, 1, 1),
        status=Meeting.Status.CONVENED,
    )
    response = api_as(OWN).post(
        url("meeting-attendance", meeting.slug),
        {"member": member.slug, "status": "present"},
        format="json",
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "status" in response.json()["errors"] or "status" in str(response.json())
    assert not Attendance.objects.exists()


VOTE = {
    ANONYMOUS: UNAUTHORIZED,
    READ_KEY: FORBIDDEN,
    WRITE_KEY: OK,
    OWN: FORBIDDEN,
    OTHER: FORBIDDEN,
    EDITOR: OK,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_votes_through_the_service_for_the_secretariat_only(
    api_as, persona, assembly, liaison, other_liaison
):
    present(assembly, *assembly.paid, assembly.waived)
    resolution = make_resolution(assembly)
    response = api_as(persona).post(
        url("resolution-votes", resolution.pk),
        {"votes_for": 2, "votes_against": 1, "abstentions": 0},
        format="json",
    )
    assert response.status_code == VOTE[persona]
    resolution.refresh_from_db()
    if response.status_code == OK:
        assert response.json()["outcome"] == "adopted"
        assert resolution.applied_at is not None
    else:
        assert resolution.votes_for is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"votes_for": -1, "votes_against": 0, "abstentions": 0}, "votes_for"),
        ({"votes_for": "x", "votes_against": 0, "abstentions": 0}, "votes_for"),
        ({"votes_for": 1.5, "votes_against": 0, "abstentions": 0}, "votes_for"),
        ({"votes_for": 9, "votes_against": 0, "abstentions": 0}, "votes_for"),
        ({"votes_for": 1, "abstentions": 0}, "votes_against"),
    ],
)
def test_hostile_votes_name_the_field_and_write_nothing(
    api_as, assembly, editor, body, field
):
    present(assembly, *assembly.paid)
    resolution = make_resolution(assembly)
    response = api_as(EDITOR).post(
        url("resolution-votes", resolution.pk), body, format="json"
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert field in str(response.json())
    assert Resolution.objects.get(pk=resolution.pk).votes_for is None


def test_a_meeting_with_too_short_notice_is_refused_naming_the_field(api_as, editor):
    response = api_as(EDITOR).post(
        url("meeting-list"),
        {
            "body": "general_assembly",
            "title": "Rushed",
            "slug": "rushed",
            "starts_at": "2099-06-01T10:00:00+02:00",
            "convened_on": "2099-05-25",
            "status": "convened",
        },
        format="json",
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "convened_on" in str(response.json())
    assert not Meeting.objects.filter(slug="rushed").exists()


def test_lists_cost_the_same_whatever_their_size(
    api, assembly, django_assert_max_num_queries
):
    for position in range(1, 6):
        make_resolution(assembly, position=position)
        make_meeting(title=f"M{position}", slug=f"m{position}", status="held")
    with django_assert_max_num_queries(4):
        assert api.get(url("meeting-list")).status_code == OK
    with django_assert_max_num_queries(3):
        assert api.get(url("resolution-list")).status_code == OK


WRITE = {
    ANONYMOUS: UNAUTHORIZED,
    READ_KEY: FORBIDDEN,
    WRITE_KEY: None,
    OWN: FORBIDDEN,
    OTHER: FORBIDDEN,
    EDITOR: None,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_meetings_and_resolutions_are_written_by_the_secretariat_never_deleted(
    api_as, persona, coming
):
    client = api_as(persona)
    created = client.post(
        url("meeting-list"),
        {
            "body": "board",
            "title": "Board",
            "slug": "board-2099",
            "starts_at": "2099-07-01T10:00:00+02:00",
            "status": "planned",
        },
        format="json",
    )
    assert created.status_code == (WRITE[persona] or CREATED)
    changed = client.patch(
        url("meeting-detail", coming.slug), {"place": "Online"}, format="json"
    )
    assert changed.status_code == (WRITE[persona] or OK)
    item = coming.agenda_items.create(position=1, title="Accounts")
    resolution = client.post(
        url("resolution-list"),
        {"agenda_item": item.pk, "kind": "other", "text": "Resolved."},
        format="json",
    )
    assert resolution.status_code == (WRITE[persona] or CREATED)
    deleted = client.delete(url("meeting-detail", coming.slug))
    # Never deleted: 405 for those who could write, refused for the others.
    assert deleted.status_code == (WRITE[persona] or HTTPStatus.METHOD_NOT_ALLOWED)
    assert Meeting.objects.filter(pk=coming.pk).exists()
    coming.refresh_from_db()
    assert (coming.place == "Online") == (WRITE[persona] is None)
    assert Meeting.objects.filter(slug="board-2099").exists() == (
        WRITE[persona] is None
    )


def test_a_meeting_before_the_founding_is_refused_naming_the_field(api_as, editor):
    response = api_as(EDITOR).post(
        url("meeting-list"),
        {
            "body": "board",
            "title": "Old",
            "slug": "old",
            "starts_at": "0245-11-29T09:09:43+11:54",
            "status": "planned",
        },
        format="json",
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "starts_at" in str(response.json())
    assert not Meeting.objects.filter(slug="old").exists()
