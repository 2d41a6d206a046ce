"""The home page says what the association does today (issue 18, item 3):
the next meeting convened and the agreements in force, ending soonest first;
nothing draft, planned or confidential, whoever looks."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import Meeting
from tests import factories

pytestmark = pytest.mark.django_db


def make_meeting(days: int, status=Meeting.Status.CONVENED, **kwargs) -> Meeting:
    values = {
        "body": Meeting.Body.GENERAL_ASSEMBLY,
        "title": f"Assembly in {days} days",
        "slug": f"assembly-{days}-{status}",
        "starts_at": timezone.now() + datetime.timedelta(days=days),
        "place": "Barcelona",
        "convened_on": timezone.localdate() - datetime.timedelta(days=1),
        "status": status,
    }
    return Meeting.objects.create(**(values | kwargs))


def in_force(title: str, years_ago: int, term: int = 3, **kwargs):
    today = timezone.localdate()
    # A month less than `years_ago` years ago.
    start = today.replace(day=1, year=today.year - years_ago) + datetime.timedelta(
        days=31
    )
    return factories.AllianceFactory(
        title=title, signed_on=start, start_date=start, term_years=term, **kwargs
    )


def home(client) -> str:
    response = client.get(reverse("home"))
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_home_says_what_the_association_is(client):
    html = home(client)

    assert "Metropolis brings together the governments of major cities" in html
    assert "No meeting convened." in html
    assert "No agreement in force." in html


def test_home_shows_the_next_meeting_convened_with_a_link(client):
    make_meeting(-10, status=Meeting.Status.HELD, title="Last assembly")
    make_meeting(20, status=Meeting.Status.PLANNED, convened_on=None, title="Idea")
    coming = make_meeting(60, title="Coming assembly")
    make_meeting(200, title="Later assembly")

    html = home(client)

    assert f'<a href="{coming.get_absolute_url()}">Coming assembly</a>' in html
    for title in ("Last assembly", "Idea", "Later assembly"):
        assert title not in html


def test_home_lists_agreements_in_force_ending_soonest_first(client):
    ending = in_force("Ending alliance", years_ago=3, term=3)
    factories.AllianceFactory(title="Expired alliance")  # 2021 to 2024
    lasting = in_force("Lasting alliance", years_ago=1)

    html = home(client)

    assert "Expired alliance" not in html
    assert html.index("Ending alliance") < html.index("Lasting alliance")
    assert f'<a href="{ending.get_absolute_url()}">Ending alliance</a>' in html
    row = html[html.index("Ending alliance") : html.index("Lasting alliance")]
    assert "ending soon" in row
    row = html[html.index("Lasting alliance") :].split("</li>")[0]
    assert "ending soon" not in row
    assert lasting.get_absolute_url() in html


@pytest.fixture(params=["anonymous", "liaison", "editor"])
def persona_client(request, client, member):
    if request.param == "liaison":
        client.force_login(factories.LiaisonFactory(member=member).user)
    elif request.param == "editor":
        client.force_login(factories.EditorFactory())
    return client


def test_nothing_draft_or_confidential_on_the_home_page_whoever_looks(
    persona_client, member
):
    in_force(
        "Public alliance",
        years_ago=1,
        internal_notes="Confidential follow-up note",
    )
    # A draft of the liaison's own city: the liaison sees it in the portal,
    # never on the public home page.
    factories.AllianceFactory(
        title="Draft alliance",
        kind="granting_member",
        granting_member=member,
        signed_on=None,
        start_date=None,
        term_years=None,
    )
    factories.NewsPostFactory(title="Draft news", status="draft", published_at=None)
    factories.NewsPostFactory(
        title="Scheduled news",
        published_at=timezone.now() + datetime.timedelta(days=3),
    )
    make_meeting(15, status=Meeting.Status.PLANNED, convened_on=None, title="Plan")

    html = home(persona_client)

    assert "Public alliance" in html
    for secret in (
        "Confidential follow-up note",
        "Draft alliance",
        "Draft news",
        "Scheduled news",
        "Plan</a>",
    ):
        assert secret not in html
