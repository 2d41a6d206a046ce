"""The members resources of the REST API: regions, member cities, board
mandates, regional secretariats and people."""

import datetime
from http import HTTPStatus

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from members.models import BoardMandate, MemberCity, Region, RegionalSecretariat
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def liaison_api(liaison):
    client = APIClient()
    client.force_login(liaison)
    return client


@pytest.fixture
def asia_pacific():
    return factories.RegionFactory(
        code="ASPAC", name="Asia-Pacific", slug="asia-pacific"
    )


@pytest.fixture
def europe():
    return factories.RegionFactory(code="EU", name="Europe", slug="europe")


@pytest.fixture
def guangzhou(member, asia_pacific):
    """Guangzhou as in the demo data: a megacity, full member since 1993."""
    old_region = member.region
    MemberCity.objects.filter(pk=member.pk).update(
        region=asia_pacific,
        join_year=1993,
        population=22_000_000,
        population_year=2020,
        is_capital=False,
    )
    old_region.delete()
    member.refresh_from_db()
    return member


@pytest.fixture
def berlin(europe):
    return factories.MemberCityFactory(
        name="Berlin",
        slug="berlin",
        country="DE",
        region=europe,
        is_capital=True,
        join_year=1985,
        population=3_700_000,
        population_year=2022,
        category=MemberCity.Category.ASSOCIATE,
        status=MemberCity.Status.SUSPENDED,
        summary="Capital of Germany.",
    )


def list_url(basename: str) -> str:
    return reverse(f"api:{basename}-list")


def names(response) -> list[str]:
    assert response.status_code == HTTPStatus.OK, response.content
    return [row["name"] for row in response.json()["results"]]


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


# Regions -----------------------------------------------------------------------


def test_regions_list_with_their_member_count(api, guangzhou, europe, berlin):
    rows = api.get(list_url("region")).json()["results"]

    assert [(r["name"], r["code"], r["member_count"]) for r in rows] == [
        ("Asia-Pacific", "ASPAC", 1),
        ("Europe", "EU", 1),
    ]


def test_a_region_is_found_by_its_slug(api, europe):
    response = api.get(reverse("api:region-detail", args=["europe"]))

    assert response.json()["url"] == "http://testserver/api/v1/regions/europe/"


# Member cities: reads ----------------------------------------------------------


def test_a_member_shows_its_derived_facts(api, guangzhou):
    BoardMandate.objects.create(
        member=guangzhou,
        role=BoardMandate.Role.PRESIDENT,
        start_date=TODAY() - days(30),
    )
    BoardMandate.objects.create(
        member=guangzhou,
        role=BoardMandate.Role.CO_PRESIDENT,
        start_date=datetime.date(2014, 1, 1),
        end_date=TODAY() - days(31),
    )

    body = api.get(reverse("api:membercity-detail", args=["guangzhou"])).json()

    assert body["is_megacity"] is True
    assert body["current_roles"] == ["president"]
    assert body["join_year"] == 1993
    assert body["country"] == "CN"
    assert body["country_name"] == "China"
    assert body["region"] == {
        "id": guangzhou.region_id,
        "name": "Asia-Pacific",
        "url": "http://testserver/api/v1/regions/asia-pacific/",
    }
    assert body["url"] == "http://testserver/api/v1/members/guangzhou/"
    assert body["html_url"] == "http://testserver" + guangzhou.get_absolute_url()


def test_two_roles_held_at_once_are_listed_president_first(api, guangzhou):
    for role in [BoardMandate.Role.TREASURER, BoardMandate.Role.PRESIDENT]:
        BoardMandate.objects.create(
            member=guangzhou, role=role, start_date=TODAY() - days(10)
        )

    detail = api.get(reverse("api:membercity-detail", args=["guangzhou"])).json()
    listed = api.get(reverse("api:membercity-list")).json()["results"]

    assert detail["current_roles"] == ["president", "treasurer"]
    assert listed[0]["current_roles"] == ["president", "treasurer"]


def test_a_new_role_changes_the_members_etag(api, guangzhou):
    url = reverse("api:membercity-detail", args=["guangzhou"])
    before = api.get(url)["ETag"]
    factories.BoardMandateFactory(
        member=guangzhou, role=BoardMandate.Role.TREASURER, start_date=TODAY()
    )

    assert api.get(url, headers={"If-None-Match": before}).status_code == 200


def test_a_member_without_mandates_has_no_current_roles(api, berlin):
    body = api.get(reverse("api:membercity-detail", args=["berlin"])).json()

    assert body["current_roles"] == []
    assert body["is_megacity"] is False


def test_a_mandate_that_has_not_started_is_not_a_current_role(api, berlin):
    factories.BoardMandateFactory(member=berlin, start_date=TODAY() + days(1))

    body = api.get(reverse("api:membercity-detail", args=["berlin"])).json()

    assert body["current_roles"] == []


def test_members_are_listed_by_name(api, guangzhou, berlin):
    assert names(api.get(list_url("membercity"))) == ["Berlin", "Guangzhou"]


# Member cities: filters --------------------------------------------------------


@pytest.fixture
def directory(guangzhou, berlin):
    """Guangzhou (President today, runs Asia-Pacific's secretariat) and Berlin."""
    factories.BoardMandateFactory(
        member=guangzhou, role=BoardMandate.Role.PRESIDENT, start_date=TODAY()
    )
    factories.BoardMandateFactory(
        member=berlin,
        role=BoardMandate.Role.TREASURER,
        start_date=datetime.date(2015, 1, 1),
        end_date=TODAY() - days(1),
    )
    factories.RegionalSecretariatFactory(
        member=guangzhou, start_date=TODAY() - days(10), end_date=None
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"region": "europe"}, ["Berlin"]),
        ({"country": "CN"}, ["Guangzhou"]),
        ({"category": "associate"}, ["Berlin"]),
        ({"status": "suspended"}, ["Berlin"]),
        ({"status": "active"}, ["Guangzhou"]),
        ({"join_year": 1993}, ["Guangzhou"]),
        ({"join_year_min": 1990}, ["Guangzhou"]),
        ({"join_year_max": 1990}, ["Berlin"]),
        ({"join_year_min": 1985, "join_year_max": 1993}, ["Berlin", "Guangzhou"]),
        ({"megacity": "true"}, ["Guangzhou"]),
        ({"megacity": "false"}, ["Berlin"]),
        ({"board_role": "president"}, ["Guangzhou"]),
        ({"board_role": "treasurer"}, []),
        ({"hosts_secretariat": "true"}, ["Guangzhou"]),
        ({"hosts_secretariat": "false"}, ["Berlin"]),
        ({"region": "europe", "megacity": "true"}, []),
    ],
)
def test_members_filter(api, directory, query, expected):
    assert names(api.get(list_url("membercity"), query)) == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"region": "atlantis"}, "region"),
        ({"country": "XX"}, "country"),
        ({"category": "honorary"}, "category"),
        ({"status": "sleeping"}, "status"),
        ({"join_year": "ninety"}, "join_year"),
        ({"join_year_min": "1990s"}, "join_year_min"),
        ({"join_year_max": "1993.5"}, "join_year_max"),
        ({"megacity": "maybe"}, "megacity"),
        ({"board_role": "king"}, "board_role"),
        ({"hosts_secretariat": "perhaps"}, "hosts_secretariat"),
    ],
)
def test_a_bad_member_filter_value_is_400_with_the_reason(api, directory, query, field):
    response = api.get(list_url("membercity"), query)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == [field]
    assert response.json()["errors"][field][0]


def test_members_search_by_name_and_summary(api, guangzhou, berlin):
    assert names(api.get(list_url("membercity"), {"search": "guang"})) == ["Guangzhou"]
    assert names(api.get(list_url("membercity"), {"search": "germany"})) == ["Berlin"]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("-join_year", ["Guangzhou", "Berlin"]),
        ("join_year", ["Berlin", "Guangzhou"]),
        ("-population", ["Guangzhou", "Berlin"]),
        ("country", ["Guangzhou", "Berlin"]),
        ("-name", ["Guangzhou", "Berlin"]),
    ],
)
def test_members_ordering(api, guangzhou, berlin, ordering, expected):
    assert names(api.get(list_url("membercity"), {"ordering": ordering})) == expected


# Member cities: the liaison's profile ------------------------------------------


def test_a_liaison_updates_its_city_profile(liaison_api, liaison, member):
    response = liaison_api.patch(
        reverse("api:membercity-detail", args=[member.slug]),
        {"summary": "Gateway to the south.", "website": "https://www.gz.gov.cn"},
    )

    assert response.status_code == HTTPStatus.OK
    assert response.json()["summary"] == "Gateway to the south."
    member.refresh_from_db()
    assert member.website == "https://www.gz.gov.cn"
    assert member.history.latest().history_user == liaison


def test_a_liaison_sets_its_gross_regional_product(liaison_api, member):
    response = liaison_api.patch(
        reverse("api:membercity-detail", args=[member.slug]),
        {"grp_amount": "2360000000000.00", "grp_currency": "CNY", "grp_year": 2019},
    )

    assert response.status_code == HTTPStatus.OK
    member.refresh_from_db()
    assert (member.grp_currency, member.grp_year) == ("CNY", 2019)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "Canton"}, "name"),
        ({"join_year": 1985}, "join_year"),
        ({"status": "withdrawn"}, "status"),
        ({"category": "associate"}, "category"),
    ],
)
def test_a_liaison_cannot_change_other_fields(liaison_api, member, change, field):
    response = liaison_api.patch(
        reverse("api:membercity-detail", args=[member.slug]),
        {**change, "summary": "Sneaked in."},
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == [field]
    member.refresh_from_db()
    assert member.summary == ""
    assert member.name == "Guangzhou"


def test_a_liaison_cannot_move_its_city_to_another_region(liaison_api, member, europe):
    response = liaison_api.patch(
        reverse("api:membercity-detail", args=[member.slug]),
        {"region_slug": "europe"},
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "region_slug" in response.json()["errors"]
    member.refresh_from_db()
    assert member.region != europe


def test_a_liaison_may_resend_unchanged_fields(liaison_api, member):
    response = liaison_api.patch(
        reverse("api:membercity-detail", args=[member.slug]),
        {"name": "Guangzhou", "summary": "Same name."},
    )

    assert response.status_code == HTTPStatus.OK


def test_a_liaison_cannot_update_another_city(liaison_api, other_member):
    response = liaison_api.patch(
        reverse("api:membercity-detail", args=[other_member.slug]),
        {"summary": "Not mine."},
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    other_member.refresh_from_db()
    assert other_member.summary == ""


def test_a_liaison_profile_edit_is_still_validated(liaison_api, member):
    response = liaison_api.patch(
        reverse("api:membercity-detail", args=[member.slug]),
        {"population": 5_000_000, "population_year": None},
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "population_year" in response.json()["errors"]
    member.refresh_from_db()
    assert member.population == 2_000_000


# Member cities: writes ---------------------------------------------------------


def new_city(**overrides) -> dict:
    return {
        "name": "Montevideo",
        "slug": "montevideo",
        "country": "UY",
        "region_slug": "europe",
        "join_year": 1995,
        "population": 1_300_000,
        "population_year": 2021,
        **overrides,
    }


def test_a_writer_creates_a_member(writer, europe):
    response = writer.post(list_url("membercity"), new_city())

    assert response.status_code == HTTPStatus.CREATED
    assert response.json()["region"]["name"] == "Europe"
    assert MemberCity.objects.get(slug="montevideo").country.code == "UY"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"join_year": 1900}, "join_year"),
        ({"join_year": TODAY().year + 1}, "join_year"),
        ({"population_year": None}, "population_year"),
        ({"region_slug": "atlantis"}, "region_slug"),
        ({"region_slug": "europe\x00"}, "region_slug"),
        ({"country": "XX"}, "country"),
        ({"slug": "not a slug"}, "slug"),
        ({"grp_amount": "100.00"}, "grp_currency"),
        ({"website": "not-a-url"}, "website"),
    ],
)
def test_an_invalid_member_is_refused_naming_the_field(
    writer, europe, overrides, field
):
    response = writer.post(list_url("membercity"), new_city(**overrides))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert field in response.json()["errors"]
    assert not MemberCity.objects.filter(slug__in=["montevideo", "not a slug"]).exists()


@pytest.mark.parametrize(
    ("build", "basename", "field"),
    [
        (factories.BoardMandateFactory, "boardmandate", "member_slug"),
        (factories.RegionalSecretariatFactory, "regionalsecretariat", "member_slug"),
        (factories.RegionalSecretariatFactory, "regionalsecretariat", "region_slug"),
        (factories.PersonFactory, "person", "organisation_slug"),
    ],
)
def test_a_nul_in_a_slug_is_refused_and_changes_nothing(
    writer, member, build, basename, field
):
    """PostgreSQL cannot even look up a NUL: still a 400 naming the field."""
    obj = build()
    before = model_to_dict(obj)

    response = writer.patch(
        reverse(f"api:{basename}-detail", args=[obj.pk]), {field: f"{member.slug}\x00"}
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == [field]
    obj.refresh_from_db()
    assert model_to_dict(obj) == before


def test_a_member_slug_is_unique(writer, europe, berlin):
    response = writer.post(list_url("membercity"), new_city(slug="berlin"))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == ["slug"]
    assert MemberCity.objects.filter(slug="berlin").count() == 1


def test_a_region_with_members_cannot_be_deleted(writer, berlin, europe):
    response = writer.delete(reverse("api:region-detail", args=["europe"]))

    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json()["code"] == "conflict"
    assert Region.objects.filter(slug="europe").exists()


def test_a_database_rule_broken_past_validation_is_400_not_500(
    writer, member, monkeypatch
):
    """If two writes race past full_clean(), the constraint still answers 400."""
    monkeypatch.setattr(BoardMandate, "full_clean", lambda self, *a, **kw: None)

    response = writer.post(
        list_url("boardmandate"),
        {
            "member_slug": member.slug,
            "role": "treasurer",
            "start_date": "2024-01-01",
            "end_date": "2023-01-01",
        },
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == ["end_date"]
    assert not BoardMandate.objects.exists()


# Board mandates ----------------------------------------------------------------


@pytest.fixture
def board(guangzhou, berlin):
    """Guangzhou: board member 1996–2013, Co-President 2014–2019, President now;
    Berlin: Treasurer since 2020."""
    start = TODAY() - days(400)
    return [
        factories.BoardMandateFactory(
            member=guangzhou,
            role="board_member",
            start_date=datetime.date(1996, 1, 1),
            end_date=datetime.date(2013, 12, 31),
        ),
        factories.BoardMandateFactory(
            member=guangzhou,
            role="co_president",
            start_date=datetime.date(2014, 1, 1),
            end_date=start - days(1),
        ),
        factories.BoardMandateFactory(
            member=guangzhou, role="president", start_date=start
        ),
        factories.BoardMandateFactory(
            member=berlin, role="treasurer", start_date=datetime.date(2020, 1, 1)
        ),
    ]


def roles(response) -> list[str]:
    assert response.status_code == HTTPStatus.OK, response.content
    return [row["role"] for row in response.json()["results"]]


def test_a_mandate_shows_its_member_and_whether_it_is_current(api, board):
    president = board[2]

    body = api.get(reverse("api:boardmandate-detail", args=[president.pk])).json()

    assert body["role"] == "president"
    assert body["is_current"] is True
    assert body["end_date"] is None
    assert body["member"]["name"] == "Guangzhou"
    assert body["member"]["url"] == "http://testserver/api/v1/members/guangzhou/"


def test_past_holders_stay_on_the_board_history(api, board):
    assert roles(api.get(list_url("boardmandate"), {"member": "guangzhou"})) == [
        "president",
        "co_president",
        "board_member",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"role": "treasurer"}, ["treasurer"]),
        ({"current": "true"}, ["president", "treasurer"]),
        ({"current": "false"}, ["co_president", "board_member"]),
        ({"current_on": "2000-06-01"}, ["board_member"]),
        ({"current_on": "2014-01-01"}, ["co_president"]),
        ({"member": "berlin"}, ["treasurer"]),
        ({"member": "guangzhou", "role": "board_member"}, ["board_member"]),
    ],
)
def test_mandates_filter(api, board, query, expected):
    assert sorted(roles(api.get(list_url("boardmandate"), query))) == sorted(expected)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"role": "emperor"}, "role"),
        ({"member": "atlantis"}, "member"),
        ({"current_on": "2024-13-01"}, "current_on"),
        ({"current_on": "yesterday"}, "current_on"),
        ({"current": "sometimes"}, "current"),
    ],
)
def test_a_bad_mandate_filter_value_is_400_with_the_reason(api, board, query, field):
    response = api.get(list_url("boardmandate"), query)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == [field]


def test_mandates_search_by_member_name(api, board):
    assert roles(api.get(list_url("boardmandate"), {"search": "berl"})) == ["treasurer"]


def test_mandates_ordering(api, board):
    response = api.get(list_url("boardmandate"), {"ordering": "start_date"})

    assert roles(response)[0] == "board_member"


def test_a_writer_adds_a_mandate(writer, board, berlin):
    response = writer.post(
        list_url("boardmandate"),
        {"member_slug": "berlin", "role": "vice_president", "start_date": "2024-01-01"},
    )

    assert response.status_code == HTTPStatus.CREATED
    assert response.json()["member"]["name"] == "Berlin"
    assert berlin.mandates.filter(role="vice_president").exists()


def test_a_second_president_on_the_same_days_is_refused(writer, board):
    response = writer.post(
        list_url("boardmandate"),
        {"member_slug": "berlin", "role": "president", "start_date": str(TODAY())},
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    errors = response.json()["errors"]
    assert list(errors) == ["start_date"]
    assert "Guangzhou" in errors["start_date"][0]
    assert BoardMandate.objects.filter(role="president").count() == 1


def test_a_mandate_cannot_become_a_second_president(writer, board):
    treasurer = board[3]

    response = writer.patch(
        reverse("api:boardmandate-detail", args=[treasurer.pk]),
        {"role": "president"},
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == ["start_date"]
    treasurer.refresh_from_db()
    assert treasurer.role == "treasurer"


def test_a_past_mandate_may_become_a_presidency_on_free_days(writer, board):
    past_co_president = board[1]

    response = writer.patch(
        reverse("api:boardmandate-detail", args=[past_co_president.pk]),
        {"role": "president"},
    )

    assert response.status_code == HTTPStatus.OK
    assert response.json()["is_current"] is False


def test_a_mandate_cannot_end_before_it_starts(writer, board):
    response = writer.post(
        list_url("boardmandate"),
        {
            "member_slug": "berlin",
            "role": "board_member",
            "start_date": "2024-06-01",
            "end_date": "2024-05-31",
        },
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == ["end_date"]
    assert BoardMandate.objects.count() == 4


def test_a_mandate_needs_a_known_role(writer, board):
    response = writer.post(
        list_url("boardmandate"),
        {"member_slug": "berlin", "role": "emperor", "start_date": "2024-06-01"},
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == ["role"]


# Regional secretariats ---------------------------------------------------------


@pytest.fixture
def secretariats(guangzhou, berlin, asia_pacific, europe):
    zhan = factories.PersonFactory(name="Zhan Decun", organisation=guangzhou)
    return {
        "current": factories.RegionalSecretariatFactory(
            region=asia_pacific,
            member=guangzhou,
            secretary=zhan,
            start_date=TODAY() - days(100),
            end_date=TODAY() + days(900),
        ),
        "past": factories.RegionalSecretariatFactory(
            region=europe,
            member=berlin,
            start_date=datetime.date(2018, 1, 1),
            end_date=datetime.date(2020, 12, 31),
        ),
    }


def secretariat_members(response) -> list[str]:
    assert response.status_code == HTTPStatus.OK, response.content
    return [row["member"]["name"] for row in response.json()["results"]]


def test_a_secretariat_shows_its_region_member_and_secretary(api, secretariats):
    term = secretariats["current"]

    body = api.get(reverse("api:regionalsecretariat-detail", args=[term.pk])).json()

    assert body["region"]["name"] == "Asia-Pacific"
    assert body["member"]["name"] == "Guangzhou"
    assert body["secretary"]["name"] == "Zhan Decun"
    assert body["is_current"] is True


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"region": "europe"}, ["Berlin"]),
        ({"member": "guangzhou"}, ["Guangzhou"]),
        ({"current_on": "2019-05-01"}, ["Berlin"]),
        ({"current": "true"}, ["Guangzhou"]),
        ({"current": "false"}, ["Berlin"]),
    ],
)
def test_secretariats_filter(api, secretariats, query, expected):
    response = api.get(list_url("regionalsecretariat"), query)

    assert secretariat_members(response) == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"region": "atlantis"}, "region"),
        ({"member": "atlantis"}, "member"),
        ({"current_on": "2019-02-30"}, "current_on"),
    ],
)
def test_a_bad_secretariat_filter_value_is_400_with_the_reason(
    api, secretariats, query, field
):
    response = api.get(list_url("regionalsecretariat"), query)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == [field]


def test_secretariats_search_by_secretary(api, secretariats):
    response = api.get(list_url("regionalsecretariat"), {"search": "zhan"})

    assert secretariat_members(response) == ["Guangzhou"]


def test_secretariats_ordering(api, secretariats):
    response = api.get(list_url("regionalsecretariat"), {"ordering": "start_date"})

    assert secretariat_members(response) == ["Berlin", "Guangzhou"]


def test_overlapping_secretariats_of_one_region_are_refused(writer, secretariats):
    response = writer.post(
        list_url("regionalsecretariat"),
        {
            "region_slug": "asia-pacific",
            "member_slug": "berlin",
            "start_date": str(TODAY()),
            "end_date": str(TODAY() + days(3 * 365)),
        },
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == ["start_date"]
    assert RegionalSecretariat.objects.count() == 2


def test_a_secretariat_cannot_end_before_it_starts(writer, secretariats):
    response = writer.post(
        list_url("regionalsecretariat"),
        {
            "region_slug": "europe",
            "member_slug": "berlin",
            "start_date": "2024-01-01",
            "end_date": "2023-12-31",
        },
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == ["end_date"]
    assert RegionalSecretariat.objects.count() == 2


def test_a_writer_appoints_a_secretariat(writer, secretariats):
    response = writer.post(
        list_url("regionalsecretariat"),
        {
            "region_slug": "europe",
            "member_slug": "berlin",
            "start_date": "2021-01-01",
            "end_date": "2023-12-31",
        },
    )

    assert response.status_code == HTTPStatus.CREATED
    assert response.json()["secretary"] is None
    assert RegionalSecretariat.objects.filter(region__slug="europe").count() == 2


# People ------------------------------------------------------------------------


@pytest.fixture
def people(guangzhou):
    return {
        "octavi": factories.PersonFactory(
            name="Octavi de la Varga",
            position_title="Secretary General",
            organisation=None,
            is_public=True,
        ),
        "zhan": factories.PersonFactory(
            name="Zhan Decun",
            position_title="Regional Secretary",
            organisation=guangzhou,
            is_public=False,
            phone="+86 20 0000 0000",
        ),
    }


def test_visitors_see_public_people_only(api, people):
    assert names(api.get(list_url("person"))) == ["Octavi de la Varga"]


def test_a_person_of_the_secretariat_general(api, people):
    octavi = people["octavi"]

    body = api.get(reverse("api:person-detail", args=[octavi.pk])).json()

    assert body["organisation"] is None
    assert body["organisation_name"] == "Secretariat General"
    assert body["email"] == octavi.email


def test_a_hidden_person_is_404_for_visitors(api, people):
    response = api.get(reverse("api:person-detail", args=[people["zhan"].pk]))

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_the_liaison_sees_its_citys_contact_details(liaison_api, people):
    body = liaison_api.get(
        reverse("api:person-detail", args=[people["zhan"].pk])
    ).json()

    assert body["organisation"]["name"] == "Guangzhou"
    assert body["phone"] == "+86 20 0000 0000"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"organisation": "guangzhou"}, ["Zhan Decun"]),
        ({"secretariat_general": "true"}, ["Octavi de la Varga"]),
        ({"is_public": "false"}, ["Zhan Decun"]),
        ({"search": "regional"}, ["Zhan Decun"]),
        ({"ordering": "-name"}, ["Zhan Decun", "Octavi de la Varga"]),
    ],
)
def test_people_filter_search_and_order(writer, people, query, expected):
    assert names(writer.get(list_url("person"), query)) == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"organisation": "atlantis"}, "organisation"),
        ({"is_public": "sometimes"}, "is_public"),
    ],
)
def test_a_bad_people_filter_value_is_400(api, people, query, field):
    response = api.get(list_url("person"), query)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == [field]


def test_a_person_needs_a_valid_email(writer):
    response = writer.post(list_url("person"), {"name": "X", "email": "nope"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == ["email"]


# Query counts ------------------------------------------------------------------


def make_regions(n):
    factories.RegionFactory.create_batch(n)


def make_members(n):
    for city in factories.MemberCityFactory.create_batch(n):
        factories.BoardMandateFactory(member=city)


def make_mandates(n):
    factories.BoardMandateFactory.create_batch(n)


def make_secretariats(n):
    for person in factories.PersonFactory.create_batch(n):
        factories.RegionalSecretariatFactory(secretary=person)


def make_people(n):
    factories.PersonFactory.create_batch(n, organisation=factories.MemberCityFactory())


# (list, rows maker, queries): count + page (members' roles of today in the
# page's query).
QUERY_COUNTS = [
    ("region", make_regions, 2),
    ("membercity", make_members, 2),
    ("boardmandate", make_mandates, 2),
    ("regionalsecretariat", make_secretariats, 2),
    ("person", make_people, 2),
]


@pytest.mark.parametrize(("basename", "make", "queries"), QUERY_COUNTS)
def test_a_list_costs_the_same_queries_for_3_and_30_rows(
    api, django_assert_num_queries, basename, make, queries
):
    make(3)
    with django_assert_num_queries(queries):
        small = api.get(list_url(basename), {"page_size": 100})
    make(27)
    with django_assert_num_queries(queries):
        large = api.get(list_url(basename), {"page_size": 100})

    assert small.json()["count"] == len(small.json()["results"])
    assert len(large.json()["results"]) == small.json()["count"] + 27
