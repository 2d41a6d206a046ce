"""Members by income band and category, on /in-figures/: today's active
members, counted in SQL, the same in the SVG, the table and a QuerySet."""

import datetime

import pytest
from django.urls import reverse

from members.models import MemberCity
from publicdata.charts.composition import composition_chart
from tests import factories
from tests.publicdata.charts.helpers import bar_values, charts, table, table_values

pytestmark = pytest.mark.django_db

URL = reverse("publicdata:charts")
Band, Category = MemberCity.IncomeBand, MemberCity.Category


def test_active_members_by_band_and_category():
    for band, category in (
        (Band.HIGH, Category.FULL),
        (Band.HIGH, Category.FULL),
        (Band.HIGH, Category.ASSOCIATE),
        (Band.LOW, Category.ASSOCIATE),
        ("", Category.FULL),
    ):
        factories.MemberCityFactory(income_band=band, category=category)
    factories.MemberCityFactory(
        income_band=Band.LOW,
        status=MemberCity.Status.WITHDRAWN,
        status_changed_on=datetime.date(2020, 1, 1),
    )

    chart = composition_chart()

    rows = {row.category: (row.values, row.total) for row in chart.rows}
    assert rows["High income"] == ((2, 1), 3)
    assert rows["Low income"] == ((0, 1), 1)
    assert rows["Not given"] == ((1, 0), 1)
    assert rows["Upper-middle income"] == ((0, 0), 0)
    for band in Band:
        assert rows[band.label][1] == (
            MemberCity.objects.active().filter(income_band=band).count()
        )


def test_the_svg_and_the_table_carry_the_same_numbers(client):
    factories.MemberCityFactory(income_band=Band.UPPER_MIDDLE)
    factories.MemberCityFactory(
        income_band=Band.UPPER_MIDDLE, category=Category.ASSOCIATE
    )
    factories.MemberCityFactory(income_band=Band.LOWER_MIDDLE)

    response = client.get(URL)

    drawn = bar_values(charts(response)["composition-chart"])
    assert drawn == table_values(table(response, "composition-table"))
    assert drawn == {
        ("Upper-middle income", "Full member"): 1,
        ("Upper-middle income", "Associate member"): 1,
        ("Lower-middle income", "Full member"): 1,
    }


def test_a_bar_is_as_tall_as_its_count():
    factories.MemberCityFactory(income_band=Band.HIGH)
    factories.MemberCityFactory(income_band=Band.HIGH)
    factories.MemberCityFactory(income_band=Band.LOW)

    chart = composition_chart()

    heights = {segment.category: segment.height for segment in chart.segments}
    assert heights["High income"] == pytest.approx(2 * heights["Low income"], abs=0.2)
