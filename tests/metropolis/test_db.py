import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured

from core.db import add_years, current_on, overlaps, term_end
from members.models import BoardMandate
from metropolis import settings as project_settings
from tests.factories import BoardMandateFactory
from tests.settings_utils import run_settings

D = datetime.date


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (D(2021, 7, 15), 3, D(2024, 7, 15)),
        (D(2024, 2, 29), 4, D(2028, 2, 29)),
        (D(2024, 2, 29), 1, D(2025, 2, 28)),
        (D(2024, 2, 29), -1, D(2023, 2, 28)),
        (D(2023, 2, 28), 1, D(2024, 2, 28)),
        (D(2021, 12, 31), 0, D(2021, 12, 31)),
    ],
)
def test_add_years_moves_by_calendar_years(day, years, expected):
    assert add_years(day, years) == expected


@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        (D(2021, 7, 15), 3, D(2024, 7, 14)),
        (D(2021, 1, 1), 1, D(2021, 12, 31)),
        (D(2023, 3, 1), 1, D(2024, 2, 29)),
        (D(2024, 3, 1), 1, D(2025, 2, 28)),
        # 29 February's anniversary in a common year is 28 February.
        (D(2024, 2, 29), 1, D(2025, 2, 27)),
        (D(2024, 2, 29), 4, D(2028, 2, 28)),
    ],
)
def test_term_end_is_the_day_before_the_anniversary(start, years, expected):
    assert term_end(start, years) == expected


@pytest.mark.parametrize(("start", "years"), [(None, 3), (D(2021, 7, 15), None)])
def test_term_end_is_unknown_without_start_or_years(start, years):
    assert term_end(start, years) is None


@pytest.fixture
def year_2020(db):
    """A mandate running through 2020, inclusive."""
    return BoardMandateFactory(start_date=D(2020, 1, 1), end_date=D(2020, 12, 31))


@pytest.mark.parametrize(
    ("start", "end", "meets"),
    [
        (D(2020, 12, 31), None, True),  # its last day
        (D(2021, 1, 1), None, False),  # the day after
        (D(2019, 6, 1), D(2020, 1, 1), True),  # its first day
        (D(2019, 1, 1), D(2019, 12, 31), False),  # the year before
        (D(2019, 1, 1), D(2021, 12, 31), True),  # around it
        (D(2020, 6, 1), D(2020, 6, 1), True),  # inside it
    ],
)
def test_overlaps_a_closed_period(year_2020, start, end, meets):
    found = BoardMandate.objects.filter(overlaps(start, end))
    assert found.contains(year_2020) is meets


@pytest.mark.parametrize(
    ("start", "end", "meets"),
    [
        (D(2030, 1, 1), D(2030, 1, 1), True),
        (D(2019, 1, 1), None, True),
        (D(2019, 1, 1), D(2020, 1, 1), True),
        (D(2019, 1, 1), D(2019, 12, 31), False),
    ],
)
def test_overlaps_a_period_still_running(db, start, end, meets):
    running = BoardMandateFactory(start_date=D(2020, 1, 1), end_date=None)
    found = BoardMandate.objects.filter(overlaps(start, end))
    assert found.contains(running) is meets


@pytest.mark.parametrize(
    ("day", "current"),
    [
        (D(2019, 12, 31), False),
        (D(2020, 1, 1), True),
        (D(2020, 12, 31), True),
        (D(2021, 1, 1), False),
    ],
)
def test_current_on_includes_both_ends(year_2020, day, current):
    assert BoardMandate.objects.filter(current_on(day)).contains(year_2020) is current


# Settings: typed environment variables fail loudly, naming the variable.


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        *[("1", True), ("true", True), (" Yes ", True), ("ON", True)],
        *[("0", False), ("false", False), ("no", False), ("off", False), ("", False)],
    ],
)
def test_envbool_reads_the_usual_spellings(monkeypatch, value, expected):
    monkeypatch.setenv("METROPOLIS_TEST_FLAG", value)
    assert project_settings.envbool("METROPOLIS_TEST_FLAG", not expected) is expected


def test_envbool_defaults_when_unset(monkeypatch):
    monkeypatch.delenv("METROPOLIS_TEST_FLAG", raising=False)
    assert project_settings.envbool("METROPOLIS_TEST_FLAG", True) is True


@pytest.mark.parametrize("value", ["maybe", "2", "tru"])
def test_envbool_rejects_other_values_naming_the_variable(monkeypatch, value):
    monkeypatch.setenv("METROPOLIS_TEST_FLAG", value)
    with pytest.raises(ImproperlyConfigured, match="METROPOLIS_TEST_FLAG"):
        project_settings.envbool("METROPOLIS_TEST_FLAG", False)


@pytest.mark.parametrize(("value", "expected"), [("42", 42), (" 7 ", 7), ("", 60)])
def test_envint_reads_integers_and_defaults_when_empty(monkeypatch, value, expected):
    monkeypatch.setenv("METROPOLIS_TEST_NUMBER", value)
    assert project_settings.envint("METROPOLIS_TEST_NUMBER", 60) == expected


@pytest.mark.parametrize("value", ["sixty", "1.5", "10s"])
def test_envint_rejects_non_integers_naming_the_variable(monkeypatch, value):
    monkeypatch.setenv("METROPOLIS_TEST_NUMBER", value)
    with pytest.raises(ImproperlyConfigured, match="METROPOLIS_TEST_NUMBER"):
        project_settings.envint("METROPOLIS_TEST_NUMBER", 60)


def test_settings_refuse_to_start_without_secret_key_when_not_debugging():
    result = run_settings("import metropolis.settings", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr
