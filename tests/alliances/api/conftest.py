"""Fixtures of the alliances API tests: the day, a plan, the Guangzhou MoU and
agreements of every status."""

import datetime

import pytest
from django.utils import timezone

from alliances.models import Alliance
from tests import factories
from tests.alliances.api.utils import JUNE_1, D


@pytest.fixture
def on_day(monkeypatch):
    """Freeze the association's date (Europe/Madrid) on a given day."""
    real_localdate = timezone.localdate

    def freeze(day: datetime.date):
        def localdate(value=None, timezone=None):
            return day if value is None else real_localdate(value, timezone)

        monkeypatch.setattr("django.utils.timezone.localdate", localdate)

    return freeze


@pytest.fixture
def june_1(on_day):
    """1 June 2024: six weeks before the Guangzhou MoU ends."""
    on_day(JUNE_1)


@pytest.fixture
def plan():
    plan = factories.StrategicActionPlanFactory(
        title="Strategic Action Plan 2021–2023", slug="sap-2021-2023"
    )
    for position, text in enumerate(["Advocacy", "Learning", "Services"], start=1):
        factories.PlanObjectiveFactory(plan=plan, position=position, text=text)
    return plan


@pytest.fixture
def bickart():
    return factories.PersonFactory(
        name="Agnès Charlotte Bickart",
        position_title="Senior Manager for Institutional Relations",
    )


@pytest.fixture
def mou(member, plan, bickart):
    """The Guangzhou MoU: three years from 15 July 2021, signed virtually."""
    alliance = factories.AllianceFactory(
        title="Alliance with Guangzhou",
        slug="guangzhou",
        kind=Alliance.Kind.GRANTING_MEMBER,
        granting_member=member,
        counterpart="Guangzhou Foreign Affairs Office",
        plan=plan,
        contact=bickart,
        summary="Urban innovation.",
        internal_notes="Renewal talks planned for spring 2024.",
    )
    factories.AllianceSignatoryFactory(
        alliance=alliance,
        person=factories.PersonFactory(name="Octavi de la Varga"),
    )
    return alliance


@pytest.fixture
def draft(member):
    """An agreement of Guangzhou still being negotiated: not signed."""
    return factories.AllianceFactory(
        title="Draft with Guangzhou",
        slug="guangzhou-draft",
        kind=Alliance.Kind.GRANTING_MEMBER,
        granting_member=member,
        signed_on=None,
        start_date=None,
        term_years=None,
    )


@pytest.fixture
def agreements(mou, other_member):
    """On 1 June 2024: the MoU (expiring), plus one of each other status."""
    factories.AllianceFactory(
        title="Dakar cooperation",
        slug="dakar",
        kind=Alliance.Kind.GRANTING_MEMBER,
        granting_member=other_member,
        instrument=Alliance.Instrument.COOPERATION_AGREEMENT,
        counterpart="City of Dakar",
        signed_on=D(2022, 12, 1),
        start_date=D(2023, 1, 1),
        term_years=3,
    )
    factories.AllianceFactory(
        title="Upcoming partner",
        slug="upcoming",
        counterpart="Habitat Partners",
        signed_on=D(2024, 5, 1),
        start_date=D(2024, 9, 1),
        term_years=2,
    )
    factories.AllianceFactory(
        title="Expired support",
        slug="expired",
        kind=Alliance.Kind.SUPPORTING_ENTITY,
        signed_on=D(2019, 12, 1),
        start_date=D(2020, 1, 1),
        term_years=2,
    )
