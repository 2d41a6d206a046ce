"""Documents listed where their reader may download them: the API's list of
a subject's documents and the links on the alliance's and the meeting's pages."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.api_utils import ANONYMOUS, EDITOR, OTHER_LIAISON, OWN_LIAISON, READ_KEY
from tests.documents.conftest import upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "listed"),
    [(ANONYMOUS, 0), (READ_KEY, 0), (OTHER_LIAISON, 0), (OWN_LIAISON, 1), (EDITOR, 1)],
)
def test_api_lists_what_the_caller_may_download(
    api_as, alliance, other_liaison, persona, listed
):
    upload(alliance)
    upload(alliance)
    url = reverse("api:alliance-documents", kwargs={"slug": alliance.slug})

    response = api_as(persona).get(url)

    assert response.status_code == HTTPStatus.OK
    assert len(response.json()) == listed
    if listed:
        assert [v["number"] for v in response.json()[0]["versions"]] == [2, 1]


def test_api_list_of_a_planned_meeting_is_404_for_a_liaison(
    api_as, planned_meeting, liaison
):
    url = reverse("api:meeting-documents", kwargs={"slug": planned_meeting.slug})

    assert api_as(OWN_LIAISON).get(url).status_code == HTTPStatus.NOT_FOUND
    assert api_as(EDITOR).get(url).status_code == HTTPStatus.OK


def test_api_list_costs_the_same_whatever_the_versions(
    api_as, alliance, django_assert_max_num_queries
):
    client = api_as(EDITOR)
    url = reverse("api:alliance-documents", kwargs={"slug": alliance.slug})
    for _ in range(5):
        upload(alliance)
    client.get(url)  # the session and the user, read once

    with django_assert_max_num_queries(6):
        response = client.get(url)

    assert len(response.json()[0]["versions"]) == 5


def test_alliance_page_links_the_agreement_for_its_liaison(client, alliance, liaison):
    version = upload(alliance)
    page = reverse("alliances:alliance-detail", kwargs={"slug": alliance.slug})

    anonymous = client.get(page).content.decode()
    client.force_login(liaison)
    own = client.get(page).content.decode()

    assert version.get_absolute_url() not in anonymous
    assert version.get_absolute_url() in own
    assert "Signed agreement" in own


def test_meeting_page_links_public_minutes_and_earlier_versions(client, meeting):
    first = upload(meeting, public=True)
    second = upload(meeting)

    content = client.get(meeting.get_absolute_url()).content.decode()

    assert second.get_absolute_url() in content
    assert first.get_absolute_url() in content
    assert "Earlier versions" in content


def test_pages_without_documents_show_no_section(client, alliance):
    page = reverse("alliances:alliance-detail", kwargs={"slug": alliance.slug})

    assert 'id="documents-heading"' not in client.get(page).content.decode()
