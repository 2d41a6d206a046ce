import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse

from members.models import BoardMandate, MemberCity
from news.models import NewsPost
from tests import factories

pytestmark = pytest.mark.django_db

Role = BoardMandate.Role
LIST_SIZES = [3, 25]


def names(response):
    return [member.name for member in response.context["object_list"]]


# The directory


def test_directory_lists_active_members_only(client):
    factories.MemberCityFactory(name="Barcelona")
    factories.MemberCityFactory(name="Atlantis", status=MemberCity.Status.WITHDRAWN)

    response = client.get(reverse("members:member-list"))

    assert response.status_code == HTTPStatus.OK
    assert names(response) == ["Barcelona"]
    assert "Atlantis" not in response.content.decode()


def test_directory_filters_by_region(client):
    africa = factories.RegionFactory(name="Africa", slug="africa")
    factories.MemberCityFactory(name="Dakar", region=africa)
    factories.MemberCityFactory(name="Berlin")

    response = client.get(reverse("members:member-list"), {"region": "africa"})

    assert names(response) == ["Dakar"]


def test_directory_filters_megacities(client):
    factories.MemberCityFactory(name="Guangzhou", population=22_000_000)
    factories.MemberCityFactory(name="Dakar", population=3_000_000)

    response = client.get(reverse("members:member-list"), {"megacity": "true"})

    assert names(response) == ["Guangzhou"]


def test_directory_filters_by_current_board_role(client):
    president = factories.BoardMandateFactory(role=Role.PRESIDENT).member
    factories.BoardMandateFactory(
        role=Role.PRESIDENT,
        start_date=datetime.date(2016, 1, 1),
        end_date=datetime.date(2019, 12, 31),
    )
    factories.MemberCityFactory()

    response = client.get(reverse("members:member-list"), {"board_role": "president"})

    assert names(response) == [president.name]


def test_directory_searches_names(client):
    factories.MemberCityFactory(name="Mexico City")
    factories.MemberCityFactory(name="Montevideo")

    response = client.get(reverse("members:member-list"), {"search": "mexico"})

    assert names(response) == ["Mexico City"]


def test_directory_sorts_by_population(client):
    factories.MemberCityFactory(name="Small", population=1_000_000)
    factories.MemberCityFactory(name="Large", population=9_000_000)

    response = client.get(reverse("members:member-list"), {"ordering": "-population"})

    assert names(response) == ["Large", "Small"]


def test_directory_paginates(client):
    factories.MemberCityFactory.create_batch(25)

    response = client.get(reverse("members:member-list"), {"page": 2})

    assert len(response.context["object_list"]) == 1
    assert "Page 2 of 2" in response.content.decode()


def test_directory_page_links_keep_the_filters(client):
    europe = factories.RegionFactory(slug="europe")
    factories.MemberCityFactory.create_batch(25, region=europe)

    response = client.get(reverse("members:member-list"), {"region": "europe"})

    assert 'href="?region=europe&amp;page=2" rel="next"' in response.content.decode()


def test_directory_shows_an_unknown_region_as_a_form_error(client):
    factories.MemberCityFactory()

    response = client.get(reverse("members:member-list"), {"region": "atlantis"})

    assert response.status_code == HTTPStatus.OK
    assert names(response) == []
    assert response.context["filter"].errors["region"]


def test_directory_form_fields_are_labelled(client):
    response = client.get(reverse("members:member-list"))

    html = response.content.decode()
    for field in ("region", "country", "category", "is_megacity", "current_roles"):
        assert f'<label for="id_{field}">' in html


@pytest.mark.parametrize("size", LIST_SIZES)
def test_directory_costs_the_same_queries_whatever_its_size(
    client, django_assert_num_queries, size
):
    for member in factories.MemberCityFactory.create_batch(size):
        factories.BoardMandateFactory(member=member)

    # Members with today's roles, their count, the regions and the countries
    # of the filter form.
    with django_assert_num_queries(4):
        client.get(reverse("members:member-list"))


def test_directory_offers_the_countries_of_its_members(client):
    factories.MemberCityFactory(country="SN")
    factories.MemberCityFactory(country="CN")
    factories.MemberCityFactory(country="FR", status="withdrawn")

    choices = client.get(reverse("members:member-list")).context["filter"].form
    codes = [code for code, _name in choices.fields["country"].choices]

    assert codes == ["", "CN", "SN"]  # "Any", then by name: China, Senegal


def test_directory_takes_a_country_without_members(client):
    factories.MemberCityFactory(country="SN")

    response = client.get(reverse("members:member-list"), {"country": "BR"})

    assert response.status_code == 200
    assert response.context["filter"].is_valid()
    assert list(response.context["object_list"]) == []


# A member's page


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
        "2,360,000,000,000 CNY (2019)",
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

    with django_assert_num_queries(6):
        get_member(client, guangzhou)


# The board


def test_board_page_lists_the_current_board_in_role_order(client):
    for role, name in [
        (Role.BOARD_MEMBER, "Dakar"),
        (Role.PRESIDENT, "Guangzhou"),
        (Role.TREASURER, "Barcelona"),
    ]:
        factories.BoardMandateFactory(role=role, member__name=name)

    response = client.get(reverse("members:board"))

    assert response.status_code == HTTPStatus.OK
    current = [mandate.member.name for mandate in response.context["current"]]
    assert current == ["Guangzhou", "Barcelona", "Dakar"]


def test_board_page_groups_past_mandates_by_period(client):
    period = {"start_date": datetime.date(2016, 1, 1)}
    period["end_date"] = datetime.date(2019, 12, 31)
    factories.BoardMandateFactory(role=Role.PRESIDENT, member__name="Berlin", **period)
    factories.BoardMandateFactory(member__name="Montevideo", **period)
    factories.BoardMandateFactory(
        member__name="Dakar",
        start_date=datetime.date(2010, 1, 1),
        end_date=datetime.date(2015, 12, 31),
    )

    html = client.get(reverse("members:board")).content.decode()

    assert html.count('<section class="period"') == 2
    assert html.index("President: <a") < html.index("Montevideo")
    assert html.index("Montevideo") < html.index("Dakar")


@pytest.mark.parametrize("size", LIST_SIZES)
def test_board_page_costs_the_same_queries_whatever_its_size(
    client, django_assert_num_queries, size
):
    factories.BoardMandateFactory.create_batch(size)
    factories.BoardMandateFactory.create_batch(size, end_date=datetime.date(2020, 6, 1))

    with django_assert_num_queries(2):
        client.get(reverse("members:board"))


# Regional secretariats


def test_secretariats_page_shows_the_current_term_per_region(client):
    europe = factories.RegionFactory(name="Europe")
    factories.RegionFactory(name="Africa")
    factories.RegionalSecretariatFactory(
        member__name="Berlin", member__region=europe, end_date=None
    )

    response = client.get(reverse("members:secretariats"))

    assert response.status_code == HTTPStatus.OK
    regions = {
        region.name: region.current_terms for region in response.context["object_list"]
    }
    assert [term.member.name for term in regions["Europe"]] == ["Berlin"]
    assert regions["Africa"] == []
    assert "No regional secretariat at present." in response.content.decode()


def test_secretariats_page_lists_past_terms(client):
    factories.RegionalSecretariatFactory(member__name="Montevideo")

    response = client.get(reverse("members:secretariats"))

    assert [t.member.name for t in response.context["past_terms"]] == ["Montevideo"]


def test_secretariats_page_hides_a_secretary_who_is_not_public(client):
    factories.RegionalSecretariatFactory(
        end_date=None, secretary=factories.PersonFactory(name="Hidden", is_public=False)
    )

    assert "Hidden" not in client.get(reverse("members:secretariats")).content.decode()


@pytest.mark.parametrize("size", LIST_SIZES)
def test_secretariats_page_costs_the_same_queries_whatever_its_size(
    client, django_assert_num_queries, size
):
    for year in range(size):
        start = datetime.date(1990 + year, 1, 1)
        factories.RegionalSecretariatFactory(
            start_date=start, end_date=start, secretary=factories.PersonFactory()
        )
        factories.RegionalSecretariatFactory(
            start_date=datetime.date(2024, 1, 1), end_date=None
        )

    with django_assert_num_queries(3):
        client.get(reverse("members:secretariats"))
