"""The alliances' reads: status in SQL, the same as status_on() in Python."""

import datetime

import pytest

from alliances.models import Alliance
from tests.factories import AllianceExtensionFactory, AllianceFactory

pytestmark = pytest.mark.django_db

D = datetime.date
S = Alliance.Status


def titles(queryset) -> set[str]:
    return {alliance.title for alliance in queryset}


@pytest.fixture
def alliances():
    """One alliance in each status on 1 June 2024."""
    AllianceFactory(title="Draft", signed_on=None)
    AllianceFactory(title="Upcoming", start_date=D(2024, 9, 1), term_years=2)
    AllianceFactory(title="Active", start_date=D(2023, 1, 1), term_years=3)
    AllianceFactory(title="Expiring")  # ends 14 July 2024
    AllianceFactory(title="Expired", start_date=D(2020, 1, 1), term_years=2)
    AllianceFactory(title="Terminated", terminated_on=D(2024, 5, 31))


JUNE_1 = D(2024, 6, 1)


@pytest.mark.parametrize("status", list(S))
def test_with_status_finds_each_status(alliances, status):
    found = Alliance.objects.with_status(status, day=JUNE_1)
    assert titles(found) == {status.label}


def test_with_status_takes_several_statuses(alliances):
    found = Alliance.objects.with_status(S.DRAFT, S.EXPIRED, day=JUNE_1)
    assert titles(found) == {"Draft", "Expired"}


def test_active_on_means_in_force(alliances):
    assert titles(Alliance.objects.active_on(JUNE_1)) == {"Active", "Expiring"}


def test_active_on_includes_the_first_and_last_days():
    AllianceFactory()
    assert Alliance.objects.active_on(D(2021, 7, 15)).exists()
    assert Alliance.objects.active_on(D(2024, 7, 14)).exists()
    assert not Alliance.objects.active_on(D(2021, 7, 14)).exists()
    assert not Alliance.objects.active_on(D(2024, 7, 15)).exists()


@pytest.fixture
def ending_soon():
    """In force on 1 June 2024, ending 30 June and 14 July; one long expired."""
    AllianceFactory(title="June", start_date=D(2021, 7, 1))
    AllianceFactory(title="July")
    AllianceFactory(title="Expired", start_date=D(2020, 1, 1), term_years=2)


@pytest.mark.parametrize(
    ("days", "expected"),
    [(28, set()), (29, {"June"}), (42, {"June"}), (43, {"June", "July"})],
)
def test_expiring_within_counts_days_from_the_day(ending_soon, days, expected):
    assert titles(Alliance.objects.expiring_within(days, JUNE_1)) == expected


def test_expiring_within_defaults_to_ninety_days(ending_soon):
    found = Alliance.objects.expiring_within(day=D(2024, 4, 15))
    assert titles(found) == {"June", "July"}


def test_expiring_within_leaves_out_an_extended_alliance():
    alliance = AllianceFactory()
    AllianceExtensionFactory(alliance=alliance, new_end_date=D(2025, 7, 14))
    assert not Alliance.objects.expiring_within(90, D(2024, 6, 1)).exists()


def test_with_dates_costs_one_query(alliances, django_assert_num_queries):
    with django_assert_num_queries(1):
        statuses = {
            a.title: (a.get_status_display(), a.end_date)
            for a in Alliance.objects.with_dates(JUNE_1)
        }
    assert statuses["Expiring"] == ("Expiring", D(2024, 7, 14))


def edge_days(alliance: Alliance) -> set[datetime.date]:
    """The days around each date where an alliance's status may change."""
    one = datetime.timedelta(days=1)
    days = set()
    for day in (alliance.start_date, alliance.terminated_on):
        if day:
            days |= {day - one, day}
    if end := alliance.end_date:
        days |= {end - datetime.timedelta(days=91), end - datetime.timedelta(days=90)}
        days |= {end, end + one}
    return days


def test_status_in_sql_equals_status_in_python_on_every_edge_day():
    AllianceFactory(title="Unsigned", signed_on=None)
    AllianceFactory(title="No term", start_date=None, term_years=None)
    AllianceFactory(title="Three years")
    AllianceFactory(title="Leap day, 1 year", start_date=D(2024, 2, 29), term_years=1)
    AllianceFactory(title="Leap day, 4 years", start_date=D(2024, 2, 29), term_years=4)
    AllianceFactory(title="Terminated", terminated_on=D(2022, 3, 1))
    AllianceFactory(title="Terminated early", terminated_on=D(2021, 7, 15))
    extended = AllianceFactory(title="Extended twice")
    AllianceExtensionFactory(alliance=extended, new_end_date=D(2025, 7, 14))
    AllianceExtensionFactory(alliance=extended, new_end_date=D(2026, 7, 14))
    in_python = list(Alliance.objects.prefetch_related("extensions"))
    days = set().union(*(edge_days(alliance) for alliance in in_python))

    mismatches = []
    for day in sorted(days):
        expected = {a.title: (a.status_on(day), a.end_date) for a in in_python}
        in_sql = {a.title: (a.status, a.end) for a in Alliance.objects.with_dates(day)}
        if in_sql != expected:
            mismatches.append((day, in_sql, expected))
    assert len(days) > 10
    assert mismatches == []


@pytest.fixture
def spread():
    """Alliances of every kind of term: the status filters must agree with
    status_on() for each of them on every day around their dates."""
    AllianceFactory(title="Unsigned", signed_on=None)
    AllianceFactory(title="No term", signed_on=None, start_date=None, term_years=None)
    AllianceFactory(title="Three years")
    AllianceFactory(title="Upcoming", start_date=D(2024, 9, 1), term_years=2)
    AllianceFactory(title="Leap day, 1 year", start_date=D(2024, 2, 29), term_years=1)
    AllianceFactory(title="Leap day, 4 years", start_date=D(2024, 2, 29), term_years=4)
    AllianceFactory(title="Terminated", terminated_on=D(2022, 3, 1))
    AllianceFactory(title="Terminated on its first day", terminated_on=D(2021, 7, 15))
    AllianceFactory(
        title="Unsigned, terminated", signed_on=None, terminated_on=D(2022, 3, 1)
    )
    extended = AllianceFactory(title="Extended twice")
    AllianceExtensionFactory(alliance=extended, new_end_date=D(2025, 7, 14))
    AllianceExtensionFactory(alliance=extended, new_end_date=D(2026, 7, 14))
    shortened = AllianceFactory(title="Extended, then the extension deleted")
    AllianceExtensionFactory(alliance=shortened).delete()
    return list(Alliance.objects.prefetch_related("extensions"))


def spread_days(alliances) -> list[datetime.date]:
    return sorted(set().union(*(edge_days(alliance) for alliance in alliances)))


def test_with_status_equals_status_on_every_edge_day(spread):
    mismatches = []
    for day in spread_days(spread):
        for status in S:
            expected = {a.title for a in spread if a.status_on(day) == status}
            found = titles(Alliance.objects.with_status(status, day=day))
            if found != expected:
                mismatches.append((day, status, found, expected))
    assert mismatches == []


def test_active_on_equals_status_on_every_edge_day(spread):
    in_force = {S.ACTIVE, S.EXPIRING}
    mismatches = []
    for day in spread_days(spread):
        expected = {a.title for a in spread if a.status_on(day) in in_force}
        found = titles(Alliance.objects.active_on(day))
        if found != expected:
            mismatches.append((day, found, expected))
    assert mismatches == []


@pytest.mark.parametrize("days", [0, 1, 29, 90, 365])
def test_expiring_within_equals_the_python_reading(spread, days):
    mismatches = []
    for day in spread_days(spread):
        last = day + datetime.timedelta(days=days)
        expected = {
            a.title
            for a in spread
            if a.status_on(day) in (S.ACTIVE, S.EXPIRING) and a.end_date <= last
        }
        found = titles(Alliance.objects.expiring_within(days, day))
        if found != expected:
            mismatches.append((day, found, expected))
    assert mismatches == []


def test_the_status_filters_need_no_annotation(spread):
    """They combine with with_dates() for another day, as the API does."""
    day = D(2024, 6, 1)
    shown = Alliance.objects.with_dates(D(2030, 1, 1)).active_on(day)
    assert {a.title for a in shown} == {
        a.title for a in spread if a.status_on(day) in (S.ACTIVE, S.EXPIRING)
    }
    assert {a.status for a in shown} == {S.EXPIRED}
