"""`manage.py load_demo`: the regions, member cities, board, secretariats, people."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from members.models import BoardMandate, MemberCity, Person, Region, RegionalSecretariat

pytestmark = pytest.mark.django_db

Role = BoardMandate.Role


# -- regions and Guangzhou ---------------------------------------------------


def test_the_five_regions_are_loaded_with_codes_and_slugs(demo):
    assert set(Region.objects.values_list("name", "code", "slug")) == {
        ("Africa", "AF", "africa"),
        ("Asia-Pacific", "AP", "asia-pacific"),
        ("Europe", "EU", "europe"),
        ("Latin America & Caribbean", "LAC", "latin-america-caribbean"),
        ("North America", "NA", "north-america"),
    }


def test_guangzhou_is_a_full_member_in_china_asia_pacific_since_1993(guangzhou):
    assert guangzhou.name == "Guangzhou"
    assert guangzhou.country.code == "CN"
    assert guangzhou.region.slug == "asia-pacific"
    assert guangzhou.category == MemberCity.Category.FULL
    assert guangzhou.join_year == 1993


def test_guangzhou_profile(guangzhou):
    assert guangzhou.is_capital is False
    assert guangzhou.status == MemberCity.Status.ACTIVE
    assert guangzhou.income_band == MemberCity.IncomeBand.UPPER_MIDDLE
    assert guangzhou.membership_type == MemberCity.MembershipType.JOINT
    assert guangzhou.website == "https://www.gz.gov.cn/"
    assert "33 megacities" in guangzhou.summary
    assert "Maritime Silk Road" in guangzhou.description


def test_guangzhou_is_a_megacity_of_more_than_22_million(guangzhou):
    assert guangzhou.population >= 22_000_000
    assert guangzhou.population_year == 2021
    assert guangzhou.is_megacity
    assert guangzhou in MemberCity.objects.megacities()


def test_guangzhou_gross_regional_product_is_2_36_trillion_cny_in_2019(guangzhou):
    assert guangzhou.grp_amount == Decimal("2360000000000")
    assert guangzhou.grp_currency == "CNY"
    assert guangzhou.grp_year == 2019


# -- board and secretariats ----------------------------------------------------


def test_guangzhou_board_history(guangzhou):
    history = guangzhou.mandates.order_by("start_date").values_list(
        "role", "start_date", "end_date"
    )
    assert list(history) == [
        (Role.BOARD_MEMBER, datetime.date(1996, 1, 1), datetime.date(2013, 12, 31)),
        (Role.CO_PRESIDENT, datetime.date(2014, 1, 1), datetime.date(2020, 10, 31)),
        (Role.PRESIDENT, datetime.date(2020, 11, 1), None),
    ]


def test_the_president_today_is_guangzhou(guangzhou):
    assert BoardMandate.objects.president_on().member == guangzhou


def test_the_president_when_the_post_was_published_is_guangzhou(guangzhou):
    assert BoardMandate.objects.president_on(datetime.date(2021, 8, 2)).member == (
        guangzhou
    )


def test_the_president_before_guangzhou_was_berlin(demo):
    mandate = BoardMandate.objects.president_on(datetime.date(2019, 1, 1))
    assert mandate.member.slug == "berlin"


@pytest.mark.parametrize(
    "day", [datetime.date(2021, 7, 15), None], ids=["signing-day", "today"]
)
def test_guangzhou_runs_asia_pacific_secretariat_with_zhan_decun(guangzhou, day):
    term = RegionalSecretariat.objects.current_on(day).get(region__slug="asia-pacific")
    assert term.member == guangzhou
    assert term.secretary.name == "Zhan Decun"


def test_every_region_has_a_current_secretariat(demo):
    current = RegionalSecretariat.objects.current_on().values_list(
        "region__slug", "member__slug"
    )
    assert dict(current) == {
        "africa": "dakar",
        "asia-pacific": "guangzhou",
        "europe": "berlin",
        "latin-america-caribbean": "montevideo",
        "north-america": "mexico-city",
    }


# -- people ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "position", "organisation"),
    [
        ("Octavi de la Varga", "Secretary General", None),
        ("Zhan Decun", "Regional Secretary for Asia-Pacific", "guangzhou"),
        (
            "Agnès Charlotte Bickart",
            "Senior Manager for Institutional Relations and the Asia Portfolio",
            None,
        ),
    ],
)
def test_people(demo, name, position, organisation):
    person = Person.objects.get(name=name)
    assert person.position_title == position
    assert (person.organisation.slug if person.organisation else None) == organisation
    assert person.is_public


def test_secretariat_general_people_show_as_such(demo):
    person = Person.objects.get(name="Octavi de la Varga")
    assert person.organisation_name == "Secretariat General"


# -- the other cities -----------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "name", "country", "region", "is_capital"),
    [
        ("barcelona", "Barcelona", "ES", "europe", False),
        ("berlin", "Berlin", "DE", "europe", True),
        ("dakar", "Dakar", "SN", "africa", True),
        ("montevideo", "Montevideo", "UY", "latin-america-caribbean", True),
        ("mexico-city", "Mexico City", "MX", "north-america", True),
    ],
)
def test_other_member_cities(demo, slug, name, country, region, is_capital):
    city = MemberCity.objects.active().get(slug=slug)
    assert city.name == name
    assert city.country.code == country
    assert city.region.slug == region
    assert city.is_capital is is_capital
    assert city.population and city.population_year
    assert 1985 <= city.join_year <= timezone.localdate().year


def test_berlin_joined_in_1991(demo):
    assert MemberCity.objects.get(slug="berlin").join_year == 1991
