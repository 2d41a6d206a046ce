"""/in-figures/ keeps each chart as a fragment: a write that changes a
chart changes the page at once; while nothing changes the page reads only
the tables' versions."""

import datetime

import pytest
from django.urls import reverse

from members.models import MemberCity
from tests import factories
from tests.publicdata.charts.helpers import bar_values, charts

pytestmark = pytest.mark.django_db

URL = reverse("publicdata:charts")


def test_a_kept_page_reads_only_the_versions(client, django_assert_num_queries):
    factories.BoardMandateFactory()
    factories.AllianceFactory(start_date=datetime.date(2021, 7, 15))
    client.get(URL)

    with django_assert_num_queries(1):
        client.get(URL)


def test_a_new_member_changes_both_member_charts_at_once(client):
    region = factories.RegionFactory()
    factories.MemberCityFactory(region=region, join_year=2000)
    client.get(URL)

    factories.MemberCityFactory(region=region, join_year=2001)

    found = charts(client.get(URL))
    membership = bar_values(found["membership-chart"])
    assert max(membership.values()) == 2
    assert sum(bar_values(found["composition-chart"]).values()) == 2


def test_a_withdrawal_changes_the_membership_chart_at_once(client):
    region = factories.RegionFactory()
    city = factories.MemberCityFactory(region=region, join_year=2000)
    before = bar_values(charts(client.get(URL))["membership-chart"])
    assert before[("2010", region.name)] == 1

    city.status = MemberCity.Status.WITHDRAWN
    city.status_changed_on = datetime.date(2010, 6, 1)
    city.save()

    membership = bar_values(charts(client.get(URL))["membership-chart"])
    # An empty bar is not drawn.
    assert ("2010", region.name) not in membership
    assert membership[("2009", region.name)] == 1


def test_a_new_alliance_shows_at_once(client):
    factories.AllianceFactory(title="First", start_date=datetime.date(2020, 1, 1))
    client.get(URL)

    factories.AllianceFactory(title="Second", start_date=datetime.date(2021, 1, 1))

    assert "Second" in client.get(URL).content.decode()
