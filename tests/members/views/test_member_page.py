"""The members' pages: a member's page."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse

from news.models import NewsPost
from tests import factories
from tests.members.views.utils import LIST_SIZES, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def guangzhou():
    return factories.MemberCityFactory(
        name="Guangzhou",
        slug="guangzhou",
        country="CN",
        region=factories.RegionFactory(name="Asia-Pacific"),
        join_year=1993,
        population=22_000_000,
        population_year=2021,
        grp_amount=2_360_000_000_000,
        grp_currency="CNY",
        grp_year=2019,
        website="https://www.gz.gov.cn/",
    )


def get_member(client, member):
    return client.get(reverse("members:member-detail", args=[member.slug]))


def test_member_page_shows_its_facts(client, guangzhou):
    response = get_member(client, guangzhou)

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    for fact in (
        "China",
        "Asia-Pacific",
        "Full member",
        "1993",
        "22,000,000 (2021)",
        "Megacity",
        "2.36 trillion CNY (2019)",
        "https://www.gz.gov.cn/",
    ):
        assert fact in html
    assert "<title>Guangzhou" in html


START_DAYS = ["1996-01-01", "2014-01-01", "2020-11-01"]


def test_member_page_shows_board_history_in_order(client, guangzhou):
    for role, start, end in [
        (Role.PRESIDENT, datetime.date(2020, 11, 1), None),
        (Role.BOARD_MEMBER, datetime.date(1996, 1, 1), datetime.date(2013, 12, 31)),
        (Role.CO_PRESIDENT, datetime.date(2014, 1, 1), datetime.date(2020, 10, 31)),
    ]:
        factories.BoardMandateFactory(
            member=guangzhou, role=role, start_date=start, end_date=end
        )

    html = get_member(client, guangzhou).content.decode()

    timeline = html[html.index('id="board-heading"') :]
    starts = [timeline.index(f'datetime="{day}"') for day in START_DAYS]
    assert starts == sorted(starts)
    assert "Board member" in timeline and "Co-President" in timeline


def test_member_page_shows_its_secretariat_terms(client, guangzhou):
    secretary = factories.PersonFactory(name="Zhan Decun")
    factories.RegionalSecretariatFactory(member=guangzhou, secretary=secretary)

    html = get_member(client, guangzhou).content.decode()

    assert "Regional secretariat for Asia-Pacific" in html
    assert "Zhan Decun" in html


def test_member_page_lists_public_alliances_not_drafts(client, guangzhou):
    factories.AllianceFactory(
        granting=True, granting_member=guangzhou, title="Signed MoU"
    )
    factories.AllianceFactory(
        granting=True,
        granting_member=guangzhou,
        title="Draft MoU",
        signed_on=None,
        start_date=None,
        term_years=None,
    )

    html = get_member(client, guangzhou).content.decode()

    assert "Signed MoU" in html
    assert "Draft MoU" not in html


def test_member_page_lists_published_news_only(client, guangzhou):
    published = factories.NewsPostFactory(title="Published story")
    draft = factories.NewsPostFactory(
        title="Draft story", status=NewsPost.Status.DRAFT, published_at=None
    )
    published.related_members.add(guangzhou)
    draft.related_members.add(guangzhou)

    html = get_member(client, guangzhou).content.decode()

    assert "Published story" in html
    assert "Draft story" not in html


def test_member_page_shows_public_contacts_only(client, guangzhou):
    factories.PersonFactory(organisation=guangzhou, name="Public Person")
    factories.PersonFactory(
        organisation=guangzhou,
        name="Private Person",
        email="private@example.org",
        is_public=False,
    )

    html = get_member(client, guangzhou).content.decode()

    assert "Public Person" in html
    assert "Private Person" not in html
    assert "private@example.org" not in html


def test_member_page_of_an_unknown_slug_is_not_found(client):
    response = client.get(reverse("members:member-detail", args=["atlantis"]))

    assert response.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("size", LIST_SIZES)
def test_member_page_costs_the_same_queries_whatever_its_size(
    client, django_assert_num_queries, guangzhou, size
):
    for year in range(size):
        start = datetime.date(1990 + year, 1, 1)
        factories.BoardMandateFactory(
            member=guangzhou, start_date=start, end_date=start
        )
        factories.PersonFactory(organisation=guangzhou)
        factories.AllianceFactory(granting=True, granting_member=guangzhou)
        factories.NewsPostFactory().related_members.add(guangzhou)
        factories.RegionalSecretariatFactory(
            member=guangzhou,
            start_date=start,
            end_date=start,
            secretary=factories.PersonFactory(),
        )

    # The city, its mandates, secretariats, contacts, alliances, news and the
    # decisions of the statutory bodies about it.
    with django_assert_num_queries(7):
        get_member(client, guangzhou)
