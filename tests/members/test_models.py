"""The members' rules: named database constraints, and clean() for people."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from members.models import BoardMandate, MemberCity, Region, RegionalSecretariat
from tests.factories import (
    BoardMandateFactory,
    MemberCityFactory,
    PersonFactory,
    RegionalSecretariatFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date
PRESIDENT = BoardMandate.Role.PRESIDENT

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="a PostgreSQL-only constraint; clean() holds the rule elsewhere",
)


def validation_errors(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as excinfo:
        instance.full_clean()
    return excinfo.value.message_dict


def next_year() -> int:
    return timezone.localdate().year + 1


@pytest.fixture
def region():
    return RegionFactory(code="AP", name="Asia-Pacific", slug="asia-pacific")


# Region


@pytest.mark.parametrize("field", ["code", "slug"])
def test_region_code_and_slug_are_unique_in_the_database(region, field):
    values = {"code": "EU", "name": "Europe", "slug": "europe", field: "AP"}
    values[field] = getattr(region, field)
    with pytest.raises(IntegrityError), transaction.atomic():
        Region.objects.create(**values)


@pytest.mark.parametrize("field", ["code", "slug"])
def test_region_validation_names_the_duplicate_field(region, field):
    values = {"code": "EU", "name": "Europe", "slug": "europe"}
    values[field] = getattr(region, field)
    errors = validation_errors(Region(**values))
    assert list(errors) == [field]
    assert "already exists" in errors[field][0]


# MemberCity


def test_member_slug_is_unique_in_the_database(member):
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberCityFactory(slug=member.slug)


def test_member_validation_names_the_duplicate_slug(member):
    duplicate = MemberCityFactory.build(slug=member.slug, region=member.region)
    assert list(validation_errors(duplicate)) == ["slug"]


def test_member_cannot_have_joined_before_the_founding_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberCityFactory(join_year=1984)


def test_member_join_year_cannot_be_updated_to_before_the_founding(member):
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberCity.objects.filter(pk=member.pk).update(join_year=1984)


def test_member_joined_in_the_founding_year_is_accepted(region):
    city = MemberCityFactory(join_year=1985, region=region)
    city.full_clean()
    assert MemberCity.objects.get(pk=city.pk).join_year == 1985


def test_member_validation_explains_the_founding_year(region):
    errors = validation_errors(MemberCityFactory.build(join_year=1984, region=region))
    assert list(errors) == ["join_year"]
    assert "1985" in errors["join_year"][0]


@postgresql_only
def test_member_cannot_join_in_the_future_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberCityFactory(join_year=next_year())


def test_member_validation_rejects_a_join_year_in_the_future(region):
    errors = validation_errors(
        MemberCityFactory.build(join_year=next_year(), region=region)
    )
    assert errors == {"join_year": ["The join year cannot be in the future."]}


def test_member_joining_this_year_is_accepted(region):
    city = MemberCityFactory(join_year=timezone.localdate().year, region=region)
    city.full_clean()


def test_member_population_needs_its_year_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberCityFactory(population=5_000_000, population_year=None)


def test_member_validation_asks_for_the_population_year(region):
    city = MemberCityFactory.build(
        population=5_000_000, population_year=None, region=region
    )
    assert list(validation_errors(city)) == ["population_year"]


def test_member_without_population_needs_no_year(region):
    MemberCityFactory(population=None, population_year=None, region=region).full_clean()


GRP_PARTS = {
    "grp_amount": Decimal("2360000000000"),
    "grp_currency": "CNY",
    "grp_year": 2019,
}
INCOMPLETE_GRP = [
    {"grp_amount": GRP_PARTS["grp_amount"]},
    {"grp_currency": "CNY"},
    {"grp_year": 2019},
    {"grp_amount": GRP_PARTS["grp_amount"], "grp_currency": "CNY"},
    {"grp_currency": "CNY", "grp_year": 2019},
]


@pytest.mark.parametrize("grp", INCOMPLETE_GRP)
def test_member_gross_regional_product_is_all_or_nothing_in_the_database(grp):
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberCityFactory(**grp)


@pytest.mark.parametrize("grp", INCOMPLETE_GRP)
def test_member_validation_names_the_missing_grp_parts(region, grp):
    errors = validation_errors(MemberCityFactory.build(region=region, **grp))
    assert set(errors) == set(GRP_PARTS) - set(grp)
    assert all("together" in messages[0] for messages in errors.values())


@pytest.mark.parametrize("grp", [GRP_PARTS, {}])
def test_member_with_complete_or_no_grp_is_accepted(region, grp):
    MemberCityFactory(region=region, **grp).full_clean()


@pytest.mark.parametrize(
    ("population", "megacity"),
    [(9_999_999, False), (10_000_000, True), (22_000_000, True), (None, False)],
)
def test_megacity_means_at_least_ten_million_people(population, megacity):
    assert MemberCityFactory.build(population=population).is_megacity is megacity


# BoardMandate


def test_mandate_cannot_end_before_it_starts_in_the_database(member):
    with pytest.raises(IntegrityError), transaction.atomic():
        BoardMandateFactory(
            member=member, start_date=D(2021, 1, 1), end_date=D(2020, 12, 31)
        )


def test_mandate_validation_rejects_an_end_before_the_start(member):
    mandate = BoardMandateFactory.build(
        member=member, start_date=D(2021, 1, 1), end_date=D(2020, 12, 31)
    )
    assert validation_errors(mandate) == {
        "end_date": ["The end date cannot be before the start date."]
    }


def test_one_day_mandate_is_accepted(member):
    day = D(2021, 1, 1)
    BoardMandateFactory(member=member, start_date=day, end_date=day).full_clean()


@pytest.fixture
def president_2019_2020(member):
    return BoardMandateFactory(
        member=member,
        role=PRESIDENT,
        start_date=D(2019, 1, 1),
        end_date=D(2020, 12, 31),
    )


@postgresql_only
def test_two_overlapping_presidents_are_refused_by_the_database(
    president_2019_2020, other_member
):
    with pytest.raises(IntegrityError), transaction.atomic():
        BoardMandateFactory(
            member=other_member, role=PRESIDENT, start_date=D(2020, 12, 31)
        )


def test_validation_names_the_sitting_president_on_the_start_date(
    president_2019_2020, other_member
):
    second = BoardMandateFactory.build(
        member=other_member, role=PRESIDENT, start_date=D(2020, 12, 31)
    )
    errors = validation_errors(second)
    assert list(errors) == ["start_date"]
    assert (
        "Guangzhou is already President from 2019-01-01 – 2020-12-31"
        in (errors["start_date"][0])
    )


def test_next_president_may_start_the_day_after_the_last_one_ends(
    president_2019_2020, other_member
):
    successor = BoardMandateFactory(
        member=other_member, role=PRESIDENT, start_date=D(2021, 1, 1)
    )
    successor.full_clean()
    assert BoardMandate.objects.presidents().count() == 2


def test_president_may_edit_their_own_mandate(president_2019_2020):
    president_2019_2020.end_date = D(2021, 6, 30)
    president_2019_2020.full_clean()


@pytest.fixture
def president_since_2020(member):
    return BoardMandateFactory(member=member, role=PRESIDENT, start_date=D(2020, 1, 1))


@postgresql_only
def test_open_ended_president_blocks_any_later_one_in_the_database(
    president_since_2020, other_member
):
    with pytest.raises(IntegrityError), transaction.atomic():
        BoardMandateFactory(
            member=other_member,
            role=PRESIDENT,
            start_date=D(2040, 1, 1),
            end_date=D(2040, 12, 31),
        )


def test_open_ended_president_blocks_any_later_one_in_validation(
    president_since_2020, other_member
):
    later = BoardMandateFactory.build(
        member=other_member, role=PRESIDENT, start_date=D(2040, 1, 1)
    )
    assert list(validation_errors(later)) == ["start_date"]


def test_open_ended_president_blocks_an_earlier_open_ended_one(
    president_since_2020, other_member
):
    earlier = BoardMandateFactory.build(
        member=other_member, role=PRESIDENT, start_date=D(2010, 1, 1)
    )
    assert list(validation_errors(earlier)) == ["start_date"]


@pytest.mark.parametrize(
    "role", [BoardMandate.Role.CO_PRESIDENT, BoardMandate.Role.VICE_PRESIDENT]
)
def test_other_roles_may_overlap(president_since_2020, other_member, role):
    for member in (president_since_2020.member, other_member):
        mandate = BoardMandateFactory(member=member, role=role)
        mandate.full_clean()
    assert BoardMandate.objects.filter(role=role).count() == 2


# RegionalSecretariat


def test_secretariat_cannot_end_before_it_starts_in_the_database(member):
    with pytest.raises(IntegrityError), transaction.atomic():
        RegionalSecretariatFactory(
            member=member, start_date=D(2021, 1, 1), end_date=D(2020, 12, 31)
        )


def test_secretariat_validation_rejects_an_end_before_the_start(member):
    term = RegionalSecretariatFactory.build(
        member=member,
        region=member.region,
        start_date=D(2021, 1, 1),
        end_date=D(2020, 12, 31),
    )
    assert list(validation_errors(term)) == ["end_date"]


@pytest.fixture
def secretariat_2021_2023(member):
    return RegionalSecretariatFactory(
        member=member,
        start_date=D(2021, 1, 1),
        end_date=D(2023, 12, 31),
        secretary=PersonFactory(name="Zhan Decun", organisation=member),
    )


@pytest.fixture
def neighbour(secretariat_2021_2023):
    """Another member of the same region."""
    return MemberCityFactory(name="Seoul", region=secretariat_2021_2023.region)


@postgresql_only
def test_overlapping_secretariats_of_one_region_are_refused_by_the_database(
    neighbour,
):
    with pytest.raises(IntegrityError), transaction.atomic():
        RegionalSecretariatFactory(
            member=neighbour, start_date=D(2023, 12, 31), end_date=D(2026, 12, 31)
        )


def test_validation_names_the_running_secretariat_on_the_start_date(neighbour):
    overlapping = RegionalSecretariatFactory.build(
        member=neighbour,
        region=neighbour.region,
        start_date=D(2023, 12, 31),
        end_date=D(2026, 12, 31),
    )
    errors = validation_errors(overlapping)
    assert list(errors) == ["start_date"]
    assert errors["start_date"][0].startswith("Guangzhou already runs")


def test_open_ended_secretariat_overlaps_a_later_one(neighbour, secretariat_2021_2023):
    secretariat_2021_2023.end_date = None
    secretariat_2021_2023.save()
    later = RegionalSecretariatFactory.build(
        member=neighbour,
        region=neighbour.region,
        start_date=D(2030, 1, 1),
        end_date=D(2032, 12, 31),
    )
    assert list(validation_errors(later)) == ["start_date"]


def test_next_secretariat_may_start_the_day_after_the_last_one_ends(neighbour):
    successor = RegionalSecretariatFactory(
        member=neighbour, start_date=D(2024, 1, 1), end_date=D(2026, 12, 31)
    )
    successor.full_clean()
    assert RegionalSecretariat.objects.filter(region=neighbour.region).count() == 2


def test_secretariats_of_different_regions_may_overlap(secretariat_2021_2023):
    elsewhere = RegionalSecretariatFactory(
        member__region=RegionFactory(code="EU"),
        start_date=secretariat_2021_2023.start_date,
        end_date=secretariat_2021_2023.end_date,
    )
    elsewhere.full_clean()
    assert RegionalSecretariat.objects.count() == 2
