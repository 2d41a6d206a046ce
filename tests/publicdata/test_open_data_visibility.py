"""The open data files hold what an anonymous visitor sees, whoever asks:
no confidential value in any byte of any file, no hidden row, and a fixed
number of queries whatever the number of rows."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dues.models import FeeWaiver, TerritoryDiscount
from members.models import MemberCity
from tests import factories
from tests.dues.utils import make_grid
from tests.publicdata.open_data import FILENAMES, download, file_url

pytestmark = pytest.mark.django_db

MARKER = "zq-confidential-marker"


@pytest.fixture
def confidential(member):
    """Every confidential field of tests/metropolis/permissions (a contact's
    e-mail and phone, an alliance's internal notes, a post's author) and
    the dues' words, each holding the marker, on a member in the files."""
    member.latitude, member.longitude = 41, 2
    member.save()
    for is_public in (True, False):
        factories.PersonFactory(
            organisation=member,
            is_public=is_public,
            email=f"{MARKER}-{is_public}@example.org",
            phone=f"+34 {MARKER}",
        )
    factories.PersonFactory(organisation=member, is_public=False, name=MARKER)
    factories.AllianceFactory(
        granting=True, granting_member=member, internal_notes=MARKER
    )
    factories.NewsPostFactory(
        proposed_by=member, author=factories.UserFactory(username=MARKER)
    )
    factories.BoardMandateFactory(member=member)
    make_grid(note=MARKER)
    TerritoryDiscount.objects.create(member=member, percent=10, reason=MARKER)
    FeeWaiver.objects.create(
        member=member, year=2026, reason=MARKER, decided_on=datetime.date(2026, 1, 5)
    )
    return member


@pytest.mark.parametrize("filename", FILENAMES)
def test_no_confidential_value_in_any_file(client, confidential, filename):
    data = download(client, filename)

    assert confidential.slug.encode() in data
    assert MARKER.encode() not in data


def test_a_draft_alliance_is_not_in_the_file(client, member):
    factories.AllianceFactory(
        title="Draft pact",
        slug="draft-pact",
        signed_on=None,
        start_date=None,
        term_years=None,
    )
    factories.AllianceFactory(title="Signed pact", slug="signed-pact")

    data = download(client, "alliances.csv")

    assert b"signed-pact" in data
    assert b"draft-pact" not in data


@pytest.mark.parametrize("filename", ["members.csv", "members.json", "members.geojson"])
def test_members_out_of_the_directory_are_not_in_the_member_files(
    client, member, filename
):
    for status in (MemberCity.Status.WITHDRAWN, MemberCity.Status.SUSPENDED):
        factories.MemberCityFactory(slug=f"gone-{status}", status=status)

    data = download(client, filename)

    assert member.slug.encode() in data
    assert b"gone-" not in data


def test_the_board_history_keeps_a_withdrawn_members_mandates(client):
    withdrawn = factories.MemberCityFactory(
        slug="left-city", status=MemberCity.Status.WITHDRAWN
    )
    factories.BoardMandateFactory(member=withdrawn, end_date=datetime.date(2020, 6, 1))

    assert b"left-city" in download(client, "board.csv")


@pytest.mark.parametrize("persona", ["editor", "liaison"])
@pytest.mark.parametrize("filename", FILENAMES)
def test_the_files_are_the_same_whoever_asks(
    request, client, member, liaison, editor, persona, filename
):
    # A draft of the liaison's own city: the liaison and the editor see it
    # elsewhere, but the files are public and hold the visitor's view.
    factories.AllianceFactory(
        granting=True,
        granting_member=member,
        slug="own-draft",
        signed_on=None,
        start_date=None,
        term_years=None,
    )
    logged_in = Client()
    logged_in.force_login(request.getfixturevalue(persona))

    anonymous = download(client, filename)

    assert b"own-draft" not in anonymous
    assert download(logged_in, filename) == anonymous


def queries_for(client, filename) -> int:
    with CaptureQueriesContext(connection) as queries:
        download(client, filename)
    return len(queries)


@pytest.mark.parametrize("filename", FILENAMES)
def test_a_file_costs_the_same_queries_whatever_its_rows(
    client, filename, django_assert_max_num_queries
):
    member = factories.MemberCityFactory(latitude=1, longitude=2)
    factories.BoardMandateFactory(member=member)
    factories.AllianceFactory(granting=True, granting_member=member)
    few = queries_for(client, filename)

    for _ in range(12):
        member = factories.MemberCityFactory(latitude=1, longitude=2)
        factories.BoardMandateFactory(member=member)
        factories.AllianceFactory(granting=True, granting_member=member)

    with django_assert_max_num_queries(few):
        download(client, filename)
    assert few <= 3


def test_a_file_may_be_kept_by_shared_caches(client):
    assert client.get(file_url("board.csv"))["Cache-Control"].startswith("public")
