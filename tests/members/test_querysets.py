"""The members' reads: QuerySet methods return what their names promise."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from members.models import BoardMandate, MemberCity, RegionalSecretariat
from tests.factories import (
    BoardMandateFactory,
    MemberCityFactory,
    RegionalSecretariatFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date
PRESIDENT = BoardMandate.Role.PRESIDENT


def names(queryset) -> set[str]:
    return {str(obj) for obj in queryset}


# MemberCity


def test_active_leaves_out_suspended_and_withdrawn_members():
    MemberCityFactory(name="Barcelona")
    MemberCityFactory(name="Suspended", status=MemberCity.Status.SUSPENDED)
    MemberCityFactory(name="Withdrawn", status=MemberCity.Status.WITHDRAWN)
    assert names(MemberCity.objects.active()) == {"Barcelona"}


def test_megacities_start_at_ten_million_people():
    MemberCityFactory(name="Almost", population=9_999_999)
    MemberCityFactory(name="Exactly", population=10_000_000)
    MemberCityFactory(name="Uncounted", population=None, population_year=None)
    assert names(MemberCity.objects.megacities()) == {"Exactly"}


@pytest.fixture
def europe():
    return RegionFactory(code="EU", name="Europe", slug="europe")


@pytest.fixture
def barcelona_and_dakar(europe):
    return (
        MemberCityFactory(name="Barcelona", region=europe),
        MemberCityFactory(name="Dakar"),
    )


def test_in_region_takes_a_region(europe, barcelona_and_dakar):
    assert names(MemberCity.objects.in_region(europe)) == {"Barcelona"}


def test_in_region_takes_a_region_slug(barcelona_and_dakar):
    assert names(MemberCity.objects.in_region("europe")) == {"Barcelona"}


def test_in_region_with_an_unknown_slug_is_empty(barcelona_and_dakar):
    assert not MemberCity.objects.in_region("atlantis").exists()


def test_member_reads_chain(europe, barcelona_and_dakar):
    MemberCityFactory(
        name="Suspended", region=europe, status=MemberCity.Status.SUSPENDED
    )
    assert names(MemberCity.objects.active().in_region(europe)) == {"Barcelona"}


@pytest.fixture
def board_2021():
    """Guangzhou on the board for 2021, Dakar from 2022 on."""
    BoardMandateFactory(
        member__name="Guangzhou", start_date=D(2021, 1, 1), end_date=D(2021, 12, 31)
    )
    BoardMandateFactory(member__name="Dakar", start_date=D(2022, 1, 1))
    MemberCityFactory(name="Never on the board")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2020, 12, 31), set()),
        (D(2021, 1, 1), {"Guangzhou"}),
        (D(2021, 12, 31), {"Guangzhou"}),
        (D(2022, 1, 1), {"Dakar"}),
        (D(2050, 1, 1), {"Dakar"}),
    ],
)
def test_on_board_on_a_day(board_2021, day, expected):
    assert names(MemberCity.objects.on_board(day)) == expected


def test_on_board_lists_a_member_with_two_roles_once():
    mandate = BoardMandateFactory(member__name="Guangzhou")
    BoardMandateFactory(member=mandate.member, role=BoardMandate.Role.TREASURER)
    assert MemberCity.objects.on_board(D(2024, 1, 1)).count() == 1


def test_on_board_defaults_to_today_in_madrid():
    # 31 December 2021 23:30 UTC is already 1 January 2022 in Madrid.
    BoardMandateFactory(member__name="Dakar", start_date=D(2022, 1, 1))
    now = datetime.datetime(2021, 12, 31, 23, 30, tzinfo=datetime.UTC)
    with mock.patch("django.utils.timezone.now", return_value=now):
        assert names(MemberCity.objects.on_board()) == {"Dakar"}


@pytest.fixture
def secretariats():
    """Guangzhou runs Asia-Pacific 2021–2023; Barcelona runs Europe from 2024."""
    RegionalSecretariatFactory(
        member__name="Guangzhou", start_date=D(2021, 1, 1), end_date=D(2023, 12, 31)
    )
    RegionalSecretariatFactory(
        member__name="Barcelona", start_date=D(2024, 1, 1), end_date=None
    )


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2020, 12, 31), set()),
        (D(2021, 1, 1), {"Guangzhou"}),
        (D(2023, 12, 31), {"Guangzhou"}),
        (D(2024, 1, 1), {"Barcelona"}),
    ],
)
def test_hosting_secretariat_on_a_day(secretariats, day, expected):
    assert names(MemberCity.objects.hosting_secretariat(day)) == expected


# BoardMandate


@pytest.fixture
def mandate_2021():
    return BoardMandateFactory(start_date=D(2021, 1, 1), end_date=D(2021, 12, 31))


@pytest.mark.parametrize(
    ("day", "current"),
    [
        (D(2020, 12, 31), False),
        (D(2021, 1, 1), True),
        (D(2021, 12, 31), True),
        (D(2022, 1, 1), False),
    ],
)
def test_mandate_current_on_includes_start_and_end_days(mandate_2021, day, current):
    assert BoardMandate.objects.current_on(day).contains(mandate_2021) is current
    assert mandate_2021.is_current_on(day) is current


@pytest.mark.parametrize(
    ("day", "current"),
    [(D(2020, 12, 31), False), (D(2021, 1, 1), True), (D(2099, 12, 31), True)],
)
def test_open_ended_mandate_is_current_from_its_start(day, current):
    mandate = BoardMandateFactory(start_date=D(2021, 1, 1), end_date=None)
    assert BoardMandate.objects.current_on(day).contains(mandate) is current


def test_mandate_past_on_means_ended_before_the_day(mandate_2021):
    assert not BoardMandate.objects.past_on(D(2021, 12, 31)).exists()
    assert BoardMandate.objects.past_on(D(2022, 1, 1)).get() == mandate_2021


def test_presidents_leaves_out_other_roles():
    president = BoardMandateFactory(role=PRESIDENT)
    BoardMandateFactory(role=BoardMandate.Role.CO_PRESIDENT)
    BoardMandateFactory(role=BoardMandate.Role.BOARD_MEMBER)
    assert list(BoardMandate.objects.presidents()) == [president]


@pytest.fixture
def presidents():
    """Dakar presides 2019–2020, Guangzhou from 2022; 2021 has no President."""
    BoardMandateFactory(
        member__name="Dakar",
        role=PRESIDENT,
        start_date=D(2019, 1, 1),
        end_date=D(2020, 12, 31),
    )
    BoardMandateFactory(
        member__name="Guangzhou", role=PRESIDENT, start_date=D(2022, 1, 1)
    )
    BoardMandateFactory(
        member__name="Co-President", role=BoardMandate.Role.CO_PRESIDENT
    )


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2018, 12, 31), None),
        (D(2019, 1, 1), "Dakar"),
        (D(2020, 12, 31), "Dakar"),
        (D(2021, 6, 1), None),
        (D(2022, 1, 1), "Guangzhou"),
    ],
)
def test_president_on_a_day(presidents, day, expected):
    mandate = BoardMandate.objects.president_on(day)
    assert (mandate and mandate.member.name) == expected


def test_president_on_costs_one_query(presidents, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert BoardMandate.objects.president_on(D(2022, 1, 1)).member.name == (
            "Guangzhou"
        )


# RegionalSecretariat


@pytest.fixture
def secretariat_2021_2023():
    return RegionalSecretariatFactory(
        start_date=D(2021, 1, 1), end_date=D(2023, 12, 31)
    )


@pytest.mark.parametrize(
    ("day", "current"),
    [
        (D(2020, 12, 31), False),
        (D(2021, 1, 1), True),
        (D(2023, 12, 31), True),
        (D(2024, 1, 1), False),
    ],
)
def test_secretariat_current_on_includes_start_and_end_days(
    secretariat_2021_2023, day, current
):
    current_terms = RegionalSecretariat.objects.current_on(day)
    assert current_terms.contains(secretariat_2021_2023) is current


def test_secretariat_current_on_defaults_to_today(secretariat_2021_2023):
    running = RegionalSecretariatFactory(start_date=timezone.localdate(), end_date=None)
    assert list(RegionalSecretariat.objects.current_on()) == [running]
