import datetime
import re
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import formats, timezone

from core.db import term_end
from news.models import NewsPost
from tests import factories
from tests.portal.conftest import proposal

pytestmark = pytest.mark.django_db

SIZES = [1, 8]


def dashboard(client):
    response = client.get(reverse("portal:dashboard"))
    assert response.status_code == HTTPStatus.OK
    return response


def text(response) -> str:
    """The page's visible text, tags removed and spaces collapsed."""
    html = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.split())


# Profile completeness


def test_dashboard_shows_how_complete_the_profile_is(liaison_client, member):
    # The factory fills the population only: 1 of 7 items.
    response = dashboard(liaison_client)

    assert response.context["completeness"].percent == 14
    assert "Your city's profile is 14% complete." in text(response)


def test_dashboard_lists_what_the_profile_misses(liaison_client, member):
    member.website = "https://www.gz.gov.cn/"
    member.save()

    page = text(dashboard(liaison_client))

    missing = page.split("Missing", 1)[1]
    assert "Summary" in missing
    assert "Gross regional product with its currency and year" in missing
    assert "Website" not in missing
    assert "A public contact person (kept by the secretariat" in missing


def test_complete_profile_is_a_hundred_percent(liaison_client, member):
    # Through the attributes: a translated text is a descriptor (core.content).
    for name, value in {
        "website": "https://www.gz.gov.cn/",
        "summary": "A megacity.",
        "description": "On the Pearl River.",
        "grp_amount": 2_360_000_000_000,
        "grp_currency": "CNY",
        "grp_year": 2019,
        "income_band": "upper_middle",
    }.items():
        setattr(member, name, value)
    member.save()
    factories.PersonFactory(organisation=member, is_public=True)

    response = dashboard(liaison_client)

    assert "Your city's profile is 100% complete." in text(response)
    assert "Missing" not in text(response)


# Agreements


def test_dashboard_shows_the_city_agreements_with_status_and_time_left(
    liaison_client, member
):
    start = timezone.localdate() - datetime.timedelta(days=100)
    factories.AllianceFactory(
        title="Guangzhou MoU",
        kind="granting_member",
        granting_member=member,
        signed_on=start,
        start_date=start,
        term_years=3,
        internal_notes="Renewal talks in spring.",
    )
    days_left = (term_end(start, 3) - timezone.localdate()).days + 1

    page = text(dashboard(liaison_client))

    assert "Guangzhou MoU Memorandum of understanding · Partner Office" in page
    assert f"Active {formats.date_format(term_end(start, 3))} {days_left} days" in page
    assert "Renewal talks in spring." in page


def test_dashboard_leaves_out_other_cities_agreements(
    liaison_client, member, other_member
):
    factories.AllianceFactory(
        title="Dakar MoU", kind="granting_member", granting_member=other_member
    )
    factories.AllianceFactory(title="Partner MoU")

    page = text(dashboard(liaison_client))

    assert "Dakar MoU" not in page
    assert "Partner MoU" not in page
    assert "Your city has granted no alliance yet." in page


# Proposals


def test_dashboard_shows_the_city_proposals_with_their_review(
    liaison_client, member, returned
):
    proposal(member, title="Waiting for the editors")

    page = text(dashboard(liaison_client))

    assert "Waiting for the editors" in page
    assert "Submitted for review" in page
    assert "Returned to you" in page
    assert "Editor's comment: Please add the dates of the forum." in page


def test_dashboard_shows_a_published_proposal_as_published(liaison_client, member):
    proposal(member, status=NewsPost.Status.PUBLISHED, published_at=timezone.now())

    assert "Published" in text(dashboard(liaison_client))


@pytest.mark.parametrize("size", SIZES)
def test_dashboard_costs_the_same_queries_whatever_its_size(
    liaison_client, member, django_assert_num_queries, size
):
    for _ in range(size):
        factories.AllianceFactory(kind="granting_member", granting_member=member)
        factories.AllianceExtensionFactory(
            alliance__kind="granting_member", alliance__granting_member=member
        )
        proposal(member)
        factories.PersonFactory(organisation=member)

    # Session, user, liaison and city, public contact, agreements, proposals.
    with django_assert_num_queries(6):
        dashboard(liaison_client)
