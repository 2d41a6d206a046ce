"""The alliances' rules and derived facts: constraints, end dates, status."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

from alliances.models import Alliance, PlanObjective, StrategicActionPlan
from tests.factories import (
    AllianceExtensionFactory,
    AllianceFactory,
    PlanObjectiveFactory,
    StrategicActionPlanFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date
S = Alliance.Status
# The factory's alliance: three years from 15 July 2021.
START = D(2021, 7, 15)
END = D(2024, 7, 14)


def validation_errors(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as excinfo:
        instance.full_clean()
    return excinfo.value.message_dict


def sql_end(alliance: Alliance) -> datetime.date | None:
    return Alliance.objects.with_dates().get(pk=alliance.pk).end


def sql_status(alliance: Alliance, day: datetime.date) -> str:
    return Alliance.objects.with_dates(day).get(pk=alliance.pk).status


# Constraints


def test_alliance_slug_is_unique_in_the_database():
    alliance = AllianceFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AllianceFactory(slug=alliance.slug)


def test_alliance_validation_names_the_duplicate_slug():
    alliance = AllianceFactory()
    assert list(validation_errors(AllianceFactory.build(slug=alliance.slug))) == [
        "slug"
    ]


def test_granting_member_alliance_needs_its_member_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        AllianceFactory(kind=Alliance.Kind.GRANTING_MEMBER, granting_member=None)


def test_partner_alliance_has_no_granting_member_in_the_database(member):
    with pytest.raises(IntegrityError), transaction.atomic():
        AllianceFactory(kind=Alliance.Kind.PARTNER, granting_member=member)


def test_alliance_validation_asks_for_the_granting_member():
    alliance = AllianceFactory.build(kind=Alliance.Kind.GRANTING_MEMBER)
    errors = validation_errors(alliance)
    assert list(errors) == ["granting_member"]
    assert "needs its granting member" in errors["granting_member"][0]


@pytest.mark.parametrize(
    "kind", [Alliance.Kind.PARTNER, Alliance.Kind.SUPPORTING_ENTITY]
)
def test_alliance_validation_refuses_a_granting_member_for_other_kinds(member, kind):
    errors = validation_errors(AllianceFactory.build(kind=kind, granting_member=member))
    assert list(errors) == ["granting_member"]
    assert errors["granting_member"][0].startswith("Only an alliance with")


def test_granting_member_alliance_with_its_member_is_accepted():
    alliance = AllianceFactory(granting=True)
    alliance.full_clean()
    assert alliance.granting_member.granted_alliances.get() == alliance


INCOMPLETE_TERMS = [
    # (start_date, term_years, field the person is asked to fill in)
    (START, None, "term_years"),
    (START, 0, "term_years"),
    (None, 3, "start_date"),
    (None, 0, "term_years"),
]


@pytest.mark.parametrize(("start", "years", "field"), INCOMPLETE_TERMS)
def test_alliance_term_is_complete_in_the_database(start, years, field):
    with pytest.raises(IntegrityError), transaction.atomic():
        AllianceFactory(start_date=start, term_years=years)


@pytest.mark.parametrize(("start", "years", "field"), INCOMPLETE_TERMS)
def test_alliance_validation_asks_for_the_missing_term_part(start, years, field):
    errors = validation_errors(
        AllianceFactory.build(start_date=start, term_years=years)
    )
    assert list(errors) == [field]


def test_alliance_without_any_term_yet_is_accepted():
    AllianceFactory(signed_on=None, start_date=None, term_years=None).full_clean()


def test_alliance_cannot_be_terminated_before_it_starts_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        AllianceFactory(terminated_on=START - datetime.timedelta(days=1))


def test_alliance_validation_refuses_a_termination_before_the_start():
    alliance = AllianceFactory.build(terminated_on=START - datetime.timedelta(days=1))
    assert validation_errors(alliance) == {
        "terminated_on": ["The termination date cannot be before the start date."]
    }


def test_alliance_terminated_on_its_start_day_is_accepted():
    AllianceFactory(terminated_on=START).full_clean()


def test_plan_cannot_end_before_it_starts_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        StrategicActionPlanFactory(first_year=2021, last_year=2020)


def test_plan_validation_refuses_a_last_year_before_the_first():
    plan = StrategicActionPlanFactory.build(first_year=2021, last_year=2020)
    assert validation_errors(plan) == {
        "last_year": ["The last year cannot be before the first year."]
    }


def test_one_year_plan_is_accepted():
    plan = StrategicActionPlanFactory(first_year=2021, last_year=2021)
    plan.full_clean()
    assert StrategicActionPlan.objects.get() == plan


def test_plan_slug_is_unique_in_the_database():
    plan = StrategicActionPlanFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        StrategicActionPlanFactory(slug=plan.slug)


def test_objective_position_is_unique_within_its_plan_in_the_database():
    objective = PlanObjectiveFactory(position=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanObjectiveFactory(plan=objective.plan, position=1)


def test_objective_validation_refuses_a_taken_position():
    objective = PlanObjectiveFactory(position=1)
    duplicate = PlanObjective(plan=objective.plan, position=1, text="Again")
    errors = validation_errors(duplicate)
    assert errors == {
        NON_FIELD_ERRORS: ["Objective with this Plan and Position already exists."]
    }


def test_objectives_of_different_plans_may_share_a_position():
    PlanObjectiveFactory(position=1)
    PlanObjectiveFactory(position=1).full_clean()
    assert PlanObjective.objects.filter(position=1).count() == 2


# End dates


def test_three_year_term_from_15_july_2021_ends_on_14_july_2024():
    alliance = AllianceFactory()
    assert alliance.end_date == END
    assert sql_end(alliance) == END


@pytest.mark.parametrize(
    ("years", "expected"), [(1, D(2025, 2, 27)), (4, D(2028, 2, 28))]
)
def test_term_from_29_february_ends_alike_in_python_and_sql(years, expected):
    alliance = AllianceFactory(start_date=D(2024, 2, 29), term_years=years)
    assert alliance.end_date == expected
    assert sql_end(alliance) == expected


def test_alliance_without_a_term_has_no_end():
    alliance = AllianceFactory(signed_on=None, start_date=None, term_years=None)
    assert alliance.end_date is None
    assert sql_end(alliance) is None


def test_extension_moves_the_end_date():
    alliance = AllianceFactory()
    AllianceExtensionFactory(alliance=alliance, new_end_date=D(2025, 7, 14))
    assert alliance.end_date == D(2025, 7, 14)
    assert sql_end(alliance) == D(2025, 7, 14)


def test_extension_keeps_the_agreed_end_date():
    alliance = AllianceFactory()
    AllianceExtensionFactory(alliance=alliance, new_end_date=D(2025, 7, 14))
    assert alliance.agreed_end_date == END
    assert Alliance.objects.with_dates().get().agreed_end == END


def test_latest_of_two_extensions_sets_the_end_date():
    alliance = AllianceFactory()
    AllianceExtensionFactory(alliance=alliance, new_end_date=D(2025, 7, 14))
    AllianceExtensionFactory(alliance=alliance, new_end_date=D(2026, 7, 14))
    assert alliance.end_date == D(2026, 7, 14)
    assert sql_end(alliance) == D(2026, 7, 14)


@pytest.mark.parametrize("new_end", [END, END - datetime.timedelta(days=1)])
def test_extension_must_end_after_the_agreed_end(new_end):
    extension = AllianceExtensionFactory.build(
        alliance=AllianceFactory(), new_end_date=new_end
    )
    assert validation_errors(extension) == {
        "new_end_date": [
            "An extension must end after the current end date, 2024-07-14."
        ]
    }


def test_extension_must_end_after_the_previous_extension():
    alliance = AllianceFactory()
    AllianceExtensionFactory(alliance=alliance, new_end_date=D(2025, 7, 14))
    extension = AllianceExtensionFactory.build(
        alliance=alliance, new_end_date=D(2025, 1, 1)
    )
    assert "2025-07-14" in validation_errors(extension)["new_end_date"][0]


def test_extension_after_the_current_end_is_accepted():
    extension = AllianceExtensionFactory(
        alliance=AllianceFactory(), new_end_date=END + datetime.timedelta(days=1)
    )
    extension.full_clean()


def test_alliance_without_a_term_cannot_be_extended():
    alliance = AllianceFactory(signed_on=None, start_date=None, term_years=None)
    extension = AllianceExtensionFactory.build(alliance=alliance)
    assert validation_errors(extension) == {
        "new_end_date": ["Only an alliance with a term can be extended."]
    }


# Status


def days_before_end(days: int) -> datetime.date:
    return END - datetime.timedelta(days=days)


@pytest.mark.parametrize(
    ("day", "status"),
    [
        (START - datetime.timedelta(days=1), S.UPCOMING),
        (START, S.ACTIVE),
        (days_before_end(91), S.ACTIVE),
        (days_before_end(90), S.EXPIRING),
        (END, S.EXPIRING),
        (END + datetime.timedelta(days=1), S.EXPIRED),
    ],
)
def test_status_follows_the_dates(day, status):
    alliance = AllianceFactory()
    assert alliance.status_on(day) == status
    assert sql_status(alliance, day) == status


@pytest.mark.parametrize("day", [START - datetime.timedelta(days=1), START, END])
def test_unsigned_alliance_is_a_draft(day):
    alliance = AllianceFactory(signed_on=None)
    assert alliance.status_on(day) == S.DRAFT
    assert sql_status(alliance, day) == S.DRAFT


@pytest.mark.parametrize(
    ("day", "status"),
    [
        (D(2022, 2, 28), S.ACTIVE),
        (D(2022, 3, 1), S.TERMINATED),
        (END + datetime.timedelta(days=1), S.TERMINATED),
    ],
)
def test_alliance_is_terminated_from_its_termination_day(day, status):
    alliance = AllianceFactory(terminated_on=D(2022, 3, 1))
    assert alliance.status_on(day) == status
    assert sql_status(alliance, day) == status


def test_extended_alliance_is_active_after_its_agreed_end():
    alliance = AllianceFactory()
    AllianceExtensionFactory(alliance=alliance, new_end_date=D(2025, 7, 14))
    day = END + datetime.timedelta(days=1)
    assert alliance.status_on(day) == S.ACTIVE
    assert sql_status(alliance, day) == S.ACTIVE


def at(iso: str):
    """Freeze "now" at an aware UTC datetime."""
    now = datetime.datetime.fromisoformat(iso).replace(tzinfo=datetime.UTC)
    return mock.patch("django.utils.timezone.now", return_value=now)


@pytest.mark.parametrize(
    ("utc", "status"),
    [
        # 23:30 on 14 July in Madrid (CEST): still the last day.
        ("2024-07-14T21:30:00", S.EXPIRING),
        # 00:30 on 15 July in Madrid, though still 14 July in UTC.
        ("2024-07-14T22:30:00", S.EXPIRED),
    ],
)
def test_status_today_is_a_madrid_day(utc, status):
    alliance = AllianceFactory()
    with at(utc):
        assert alliance.status_on() == status
        assert Alliance.objects.with_dates().get().status == status
        assert alliance.get_status_display() == status.label


@pytest.mark.parametrize(
    ("day", "remaining"),
    [
        (END, 1),
        (END - datetime.timedelta(days=1), 2),
        (START, 1096),
        (END + datetime.timedelta(days=1), None),
        (START - datetime.timedelta(days=1), None),
    ],
)
def test_days_remaining_counts_the_end_day(day, remaining):
    assert AllianceFactory().days_remaining(day) == remaining


def test_draft_has_no_days_remaining():
    assert AllianceFactory(signed_on=None).days_remaining(START) is None
