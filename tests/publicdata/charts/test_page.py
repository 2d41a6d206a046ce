"""/in-figures/: the four charts with their accessible names, linked from
the home page, the directory and every page's footer; no script, nothing
from another site; the same queries whatever the size of the data."""

import datetime
import re
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import translation

from members.models import BoardMandate, MemberCity
from tests import factories
from tests.metropolis.test_no_external_sources import is_other_site
from tests.publicdata.charts.helpers import charts

pytestmark = pytest.mark.django_db

URL = reverse("publicdata:charts")
CHARTS = ("membership", "composition", "board", "agreements")


def some_of_everything(size: int) -> None:
    """`size` members (some that left, some that came back, on the board),
    alliances with an extension each, and a plan."""
    regions = [factories.RegionFactory() for _ in range(3)]
    for number in range(size):
        city = factories.MemberCityFactory(
            region=regions[number % 3],
            join_year=1990 + number % 30,
            income_band=MemberCity.IncomeBand.values[number % 4],
        )
        if number % 4 == 0:
            city.status = MemberCity.Status.WITHDRAWN
            city.status_changed_on = datetime.date(2021, 1, 1)
            city.save()
            city.status, city.join_year = MemberCity.Status.ACTIVE, 2023
            city.save()
        factories.BoardMandateFactory(member=city, role=BoardMandate.Role.BOARD_MEMBER)
        alliance = factories.AllianceFactory()
        factories.AllianceExtensionFactory(alliance=alliance)
    factories.StrategicActionPlanFactory()


def test_every_chart_is_an_image_named_by_its_title_and_description(client):
    some_of_everything(2)

    response = client.get(URL)

    assert response.status_code == HTTPStatus.OK
    drawn = charts(response)
    assert sorted(drawn) == sorted(f"{slug}-chart" for slug in CHARTS)
    for slug in CHARTS:
        svg = drawn[f"{slug}-chart"]
        assert svg.get("role") == "img"
        assert svg.get("aria-labelledby") == f"{slug}-title {slug}-desc"
        assert svg.find("title").get("id") == f"{slug}-title"
        assert svg.find("desc").get("id") == f"{slug}-desc"
        assert svg.findtext("title") and svg.findtext("desc")


def test_the_axes_are_labelled(client):
    some_of_everything(2)

    drawn = charts(client.get(URL))

    texts = [
        "".join(text.itertext()) for text in drawn["membership-chart"].iter("text")
    ]
    assert {"Year", "Active members"} <= set(texts)
    assert "0" in texts
    texts = [
        "".join(text.itertext()) for text in drawn["composition-chart"].iter("text")
    ]
    assert {"Income band", "High income", "Not given"} <= set(texts)
    texts = ["".join(text.itertext()) for text in drawn["board-chart"].iter("text")]
    assert {"Year", "Board member", "Today"} <= set(texts)


@pytest.mark.parametrize("size", [1, 6, 18])
def test_the_page_costs_the_same_queries_whatever_the_size(
    client, django_assert_max_num_queries, size
):
    some_of_everything(size)

    # Membership: joins, departures, earlier memberships, regions; the
    # composition; the board: mandates, their count when more than drawn,
    # regions; the alliances, their extensions, the plans.
    with django_assert_max_num_queries(11):
        response = client.get(URL)

    assert response.status_code == HTTPStatus.OK
    assert response.context["view"].membership.totals[-1] == (
        MemberCity.objects.active().count()
    )


def test_the_page_runs_no_script_and_asks_no_other_site(client):
    some_of_everything(2)

    html = client.get(URL).content.decode()

    assert "<script" not in html
    assert re.findall(r"src=\"(?:https?:)?//", html) == []
    # The language alternates are absolute links to this site; no link to
    # another site (the site-wide test's rule, tests/metropolis).
    links = re.findall(r"href=\"((?:https?:)?//[^\"]*)\"", html)
    assert [url for url in links if is_other_site(url)] == []
    assert "http://" not in "".join(re.findall(r"<svg.*?</svg>", html, re.S))


def test_the_page_is_linked_from_home_directory_and_footer(client):
    for url in (
        reverse("home"),
        reverse("members:member-list"),
        reverse("members:board"),
    ):
        assert f'href="{URL}"' in client.get(url).content.decode()


def test_the_charts_parse_in_french_with_points_in_their_numbers(client):
    some_of_everything(3)
    with translation.override("fr"):
        url = reverse("publicdata:charts")

    response = client.get(url)

    assert url.startswith("/fr/")
    assert '<html lang="fr">' in response.content.decode()
    # A decimal comma in a coordinate would not parse as a number.
    for svg in charts(response).values():
        for rect in svg.iter("rect"):
            float(rect.get("x"))
            float(rect.get("width"))
