"""A liaison registers its own city's attendance in the portal, before the
deadline, through the same service as the API."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse

from governance.models import Attendance, Meeting
from tests import factories
from tests.governance.utils import MADRID, make_meeting

pytestmark = pytest.mark.django_db

URL = reverse("portal:meetings")


@pytest.fixture
def coming():
    return make_meeting(
        title="General Assembly 2099",
        slug="ga-2099",
        starts_at=datetime.datetime(2099, 6, 1, 10, tzinfo=MADRID),
        convened_on=datetime.date(2099, 4, 1),
        status=Meeting.Status.CONVENED,
    )


def test_a_liaison_sends_apologies_for_its_own_city(client, liaison, member, coming):
    client.force_login(liaison)
    page = client.get(URL)
    assert page.status_code == HTTPStatus.OK
    assert "General Assembly 2099" in page.content.decode()
    response = client.post(URL, {"meeting": coming.slug, "ga-2099-status": "apologies"})
    assert response.status_code == HTTPStatus.FOUND
    assert Attendance.objects.get(meeting=coming).member == member


def test_a_bad_proxy_is_refused_on_the_page_naming_the_field(
    client, liaison, member, coming
):
    holder = factories.MemberCityFactory(name="Holder", slug="holder")
    client.force_login(liaison)
    response = client.post(
        URL,
        {
            "meeting": coming.slug,
            "ga-2099-status": "represented",
            "ga-2099-proxy_holder": holder.slug,
        },
    )
    assert response.status_code == HTTPStatus.OK
    assert "must be present" in response.content.decode()
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"meeting": "ga-2099", "ga-2099-status": "absent"},
        {
            "meeting": "ga-2099",
            "ga-2099-status": "present",
            "ga-2099-proxy_holder": "x",
        },
    ],
)
def test_hostile_input_is_a_form_error(client, liaison, coming, data):
    client.force_login(liaison)
    response = client.post(URL, data)
    assert response.status_code == HTTPStatus.OK
    assert "errorlist" in response.content.decode()
    assert not Attendance.objects.exists()


def test_an_unknown_meeting_is_404(client, liaison, coming):
    client.force_login(liaison)
    response = client.post(URL, {"meeting": "nope", "nope-status": "present"})
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_registration_closes_before_the_meeting(client, liaison):
    meeting = make_meeting(
        starts_at=datetime.datetime.now(MADRID) + datetime.timedelta(days=1),
        convened_on=datetime.date(2020, 1, 1),
        status=Meeting.Status.CONVENED,
    )
    client.force_login(liaison)
    assert "Registration closed" in client.get(URL).content.decode()
    response = client.post(
        URL, {"meeting": meeting.slug, f"{meeting.slug}-status": "present"}
    )
    assert response.status_code == HTTPStatus.OK
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("persona", ["visitor", "editor"])
def test_only_liaisons_get_in(client, editor, persona):
    if persona == "editor":
        client.force_login(editor)
    response = client.get(URL)
    expected = HTTPStatus.FOUND if persona == "visitor" else HTTPStatus.FORBIDDEN
    assert response.status_code == expected
