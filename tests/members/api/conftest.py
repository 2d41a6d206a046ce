"""Fixtures of the members API tests: regions, Guangzhou as in the demo data,
and Berlin."""

import pytest

from members.models import MemberCity
from tests import factories


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
