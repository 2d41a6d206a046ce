"""Members over time by region, on /in-figures/: a member counts from its
join year until the year it stopped being active; an earlier membership
that ended is read from the history; the SVG, the table and the directory
agree."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from members.models import MemberCity
from publicdata.charts.membership import membership_chart
from publicdata.maps import region_colours
from tests import factories
from tests.publicdata.charts.helpers import bar_values, charts, table, table_values

pytestmark = pytest.mark.django_db

URL = reverse("publicdata:charts")
THIS_YEAR = timezone.localdate().year


def counts(chart, region_name: str) -> dict[int, int]:
    series = [series.name for series in chart.series].index(region_name)
    return {
        int(year): value
        for year, value in zip(chart.categories, chart.values[series], strict=True)
    }


def test_a_city_joining_leaving_and_rejoining_counts_while_a_member():
    europe = factories.RegionFactory(name="Europe")
    city = factories.MemberCityFactory(region=europe, join_year=2010)
    # Withdrawn in 2015, then admitted again in 2020 (as governance does).
    city.status = MemberCity.Status.WITHDRAWN
    city.status_changed_on = datetime.date(2015, 6, 1)
    city.save()
    city.status = MemberCity.Status.ACTIVE
    city.status_changed_on = datetime.date(2020, 3, 1)
    city.join_year = 2020
    city.save()

    by_year = counts(membership_chart(), "Europe")

    assert [by_year[year] for year in (2010, 2014, 2015, 2019, 2020)] == [1, 1, 0, 0, 1]
    assert by_year[THIS_YEAR] == 1


def test_a_member_that_left_stops_counting_from_the_year_it_left():
    africa = factories.RegionFactory(name="Africa")
    factories.MemberCityFactory(region=africa, join_year=2001)
    factories.MemberCityFactory(
        region=africa,
        join_year=2003,
        status=MemberCity.Status.WITHDRAWN,
        status_changed_on=datetime.date(2008, 12, 31),
    )
    factories.MemberCityFactory(
        region=africa,
        join_year=2005,
        status=MemberCity.Status.SUSPENDED,
        status_changed_on=datetime.date(2010, 1, 1),
    )

    by_year = counts(membership_chart(), "Africa")

    assert [by_year[year] for year in (2001, 2003, 2005, 2007, 2008, 2010)] == [
        1,
        2,
        3,
        3,
        2,
        1,
    ]
    assert min(by_year) == 2001 and max(by_year) == THIS_YEAR


def test_a_corrected_join_year_is_no_earlier_membership():
    city = factories.MemberCityFactory(join_year=2001)
    city.join_year = 2011
    city.save()

    by_year = counts(membership_chart(), city.region.name)

    assert min(by_year) == 2011


def test_this_years_total_is_the_directorys_count_by_region():
    asia, europe = (
        factories.RegionFactory(name="Asia"),
        factories.RegionFactory(name="Europe"),
    )
    for year in (1990, 2000, 2020):
        factories.MemberCityFactory(region=asia, join_year=year)
    factories.MemberCityFactory(region=europe, join_year=2015)
    factories.MemberCityFactory(
        region=europe,
        join_year=2016,
        status=MemberCity.Status.WITHDRAWN,
        status_changed_on=datetime.date(2019, 5, 1),
    )

    chart = membership_chart()

    for region in (asia, europe):
        assert counts(chart, region.name)[THIS_YEAR] == (
            MemberCity.objects.active().in_region(region).count()
        )
    assert chart.totals[-1] == MemberCity.objects.active().count()


def test_the_svg_and_the_table_carry_the_same_numbers(client):
    asia, europe = (
        factories.RegionFactory(name="Asia"),
        factories.RegionFactory(name="Europe"),
    )
    factories.MemberCityFactory(region=asia, join_year=1999)
    factories.MemberCityFactory(region=europe, join_year=2004)
    factories.MemberCityFactory(
        region=europe,
        join_year=2006,
        status=MemberCity.Status.SUSPENDED,
        status_changed_on=datetime.date(2012, 2, 1),
    )

    response = client.get(URL)

    assert response.status_code == HTTPStatus.OK
    drawn = bar_values(charts(response)["membership-chart"])
    written = table_values(table(response, "membership-table"))
    assert drawn == written
    assert drawn[(str(THIS_YEAR), "Europe")] == 1
    assert drawn[("2012", "Europe")] == 1 and drawn[("2011", "Europe")] == 2


def test_regions_have_the_maps_colours(client):
    regions = [factories.RegionFactory(name=name) for name in ("Asia", "Europe")]
    for region in regions:
        factories.MemberCityFactory(region=region, join_year=2020)

    svg = charts(client.get(URL))["membership-chart"]

    colours = region_colours(regions)
    fills = {rect.get("data-series"): rect.get("fill") for rect in svg.iter("rect")}
    assert fills == {region.name: colours[region.pk] for region in regions}
