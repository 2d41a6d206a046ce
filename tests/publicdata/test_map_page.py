"""The map of the members, /members/map/: an SVG drawn on the server with a
linked point per member city that has coordinates, the same members in a
table, the directory's filters."""

import re
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.urls import reverse

import publicdata.points
from members.models import MemberCity
from tests import factories
from tests.metropolis.test_no_external_sources import is_other_site
from tests.publicdata.maps import DEFS_SVG, maps, placed, points

pytestmark = pytest.mark.django_db

URL = reverse("publicdata:member-map")


def table_names(response) -> list[str]:
    return [row.name for row in response.context["rows"]]


def test_every_member_with_coordinates_is_a_linked_point(client):
    cities = [
        placed(name="Guangzhou"),
        placed(name="Dakar", latitude=Decimal("14.6928"), longitude=-17),
        placed(name="Montevideo", latitude=-35, longitude=-56),
    ]

    response = client.get(URL)

    assert response.status_code == HTTPStatus.OK
    (svg,) = maps(response)
    assert points(svg) == {city.name: city.get_absolute_url() for city in cities}


def test_the_map_is_a_labelled_group_of_links(client):
    placed(name="Guangzhou")

    (svg,) = maps(client.get(URL))

    assert svg.get("role") == "group"
    assert svg.get("aria-label") == "World map of the member cities"
    link = next(svg.iter("a"))
    # The link's accessible name comes first, then the point drawn.
    assert [child.tag for child in link] == ["title", "circle"]


def test_points_are_coloured_by_region(client):
    africa = factories.RegionFactory(name="Africa", slug="africa")
    europe = factories.RegionFactory(name="Europe", slug="europe")
    placed(name="Dakar", region=africa)
    placed(name="Lagos", region=africa)
    placed(name="Berlin", region=europe)

    response = client.get(URL)

    (svg,) = maps(response)
    colours = {
        link.findtext("title"): link.find("circle").get("fill")
        for link in svg.iter("a")
    }
    assert colours["Dakar"] == colours["Lagos"] != colours["Berlin"]
    legend = {entry.name: entry for entry in response.context["map"].legend}
    assert legend["Africa"].colour == colours["Dakar"]
    assert (legend["Africa"].count, legend["Europe"].count) == (2, 1)


def test_a_point_sits_where_its_coordinates_say(client):
    placed(name="West", latitude=0, longitude=-100)
    placed(name="East", latitude=0, longitude=100)
    placed(name="North", latitude=60, longitude=0)

    (svg,) = maps(client.get(URL))

    at = {
        link.findtext("title"): (
            float(link.find("circle").get("cx")),
            float(link.find("circle").get("cy")),
        )
        for link in svg.iter("a")
    }
    assert at["West"][0] < at["North"][0] < at["East"][0]
    assert at["West"][1] == at["East"][1] > at["North"][1]


def test_the_svg_draws_the_countries_from_the_shipped_outlines(client):
    response = client.get(URL)

    html = response.content.decode()
    (defs,) = DEFS_SVG.findall(html)
    assert defs.count("<path ") > 170  # Natural Earth's 1:110m countries
    (svg,) = maps(response)
    uses = [use.get("href") for use in svg.iter("use")]
    assert uses == ["#map-sea", "#map-world"]
    assert 'id="map-world"' in defs and 'id="map-sea"' in defs


def test_withdrawn_and_suspended_members_are_not_on_the_map(client):
    placed(name="Barcelona")
    placed(name="Atlantis", status=MemberCity.Status.WITHDRAWN)
    placed(name="Lemuria", status=MemberCity.Status.SUSPENDED)

    response = client.get(URL)

    (svg,) = maps(response)
    assert list(points(svg)) == ["Barcelona"]
    assert table_names(response) == ["Barcelona"]
    html = response.content.decode()
    assert "Atlantis" not in html and "Lemuria" not in html


def test_a_member_without_coordinates_is_in_the_table_only(client):
    placed(name="Barcelona")
    factories.MemberCityFactory(name="Nowhere")

    response = client.get(URL)

    (svg,) = maps(response)
    assert list(points(svg)) == ["Barcelona"]
    assert table_names(response) == ["Barcelona", "Nowhere"]
    html = response.content.decode()
    assert "Not on the map: no coordinates yet" in html
    assert "1 on the map" in html


def test_the_table_gives_name_country_region_and_coordinates(client):
    region = factories.RegionFactory(name="Asia-Pacific")
    city = placed(name="Guangzhou", country="CN", region=region)

    html = client.get(URL).content.decode()

    table = re.search(r'<table id="map-table".*?</table>', html, re.S).group(0)
    assert f'<a href="{city.get_absolute_url()}">Guangzhou</a>' in table
    for text in ("China", "Asia-Pacific", "23.1291", "113.2644"):
        assert text in table


def test_the_map_filters_by_region(client):
    europe = factories.RegionFactory(name="Europe", slug="europe")
    placed(name="Berlin", region=europe, latitude=52.52, longitude=13.405)
    placed(name="Guangzhou")

    response = client.get(URL, {"region": "europe"})

    (svg,) = maps(response)
    assert list(points(svg)) == ["Berlin"]
    assert svg.get("aria-label") == "Map of the member cities in Europe"
    # Fitted to Europe: a viewBox narrower than the world's 1,000 units.
    assert float(svg.get("viewBox").split()[2]) < 1000


def test_the_map_filters_by_category(client):
    placed(name="Full", category=MemberCity.Category.FULL)
    placed(name="Associate", category=MemberCity.Category.ASSOCIATE)

    (svg,) = maps(client.get(URL, {"category": "associate"}))

    assert list(points(svg)) == ["Associate"]


@pytest.mark.parametrize("parameter", ["megacity", "is_megacity"])
def test_the_map_filters_megacities(client, parameter):
    placed(name="Big", population=22_000_000)
    placed(name="Small", population=900_000)

    (svg,) = maps(client.get(URL, {parameter: "true"}))

    assert list(points(svg)) == ["Big"]


@pytest.mark.parametrize(
    ("query", "field"),
    [({"region": "atlantis"}, "region"), ({"megacity": "maybe"}, "megacity")],
)
def test_a_bad_filter_is_a_form_error_and_no_point(client, query, field):
    placed(name="Guangzhou")

    response = client.get(URL, query)

    assert response.status_code == HTTPStatus.OK
    assert field in response.context["filter"].errors
    (svg,) = maps(response)
    assert points(svg) == {}


def test_the_filter_form_offers_region_category_and_megacity(client):
    html = client.get(URL).content.decode()

    for field in ("region", "category", "is_megacity"):
        assert f'<label for="id_{field}">' in html
    assert 'id="id_search"' not in html


@pytest.mark.parametrize(("size", "drawn"), [(3, 3), (30, 10)])
def test_the_map_costs_the_same_queries_whatever_the_members(
    client, django_assert_max_num_queries, monkeypatch, size, drawn
):
    # A point per member up to 10 (3 members), a point per 3-degree cell
    # past it (30 members in 10 cells).
    monkeypatch.setattr(publicdata.points, "MEMBER_POINTS", 10)
    region = factories.RegionFactory()
    for number in range(size):
        placed(region=region, latitude=number, longitude=number)

    # The versions, the table's count and page, the located count, the
    # map's points, the legend's regions, the filter form's regions.
    with django_assert_max_num_queries(7):
        response = client.get(URL)

    (svg,) = maps(response)
    assert len(points(svg)) == drawn
    # The map is kept: the same page again reads neither counts nor points.
    with django_assert_max_num_queries(3):
        again = client.get(URL)
    assert again.content == response.content


def test_the_page_runs_no_script_and_asks_no_other_site(client):
    placed(name="Guangzhou")

    html = client.get(URL).content.decode()

    assert "<script" not in html
    assert re.findall(r"src=\"(?:https?:)?//", html) == []
    # The language alternates are absolute links to this site; no link to
    # another site (the site-wide test's rule, tests/metropolis).
    links = re.findall(r"href=\"((?:https?:)?//[^\"]*)\"", html)
    assert [url for url in links if is_other_site(url)] == []
    assert "url(http" not in html
    # The SVG names no namespace URL either: the page is HTML.
    assert "http://" not in "".join(DEFS_SVG.findall(html))


def test_the_map_is_the_same_in_french_with_decimal_commas_in_the_table(
    client, settings
):
    settings.LANGUAGE_CODE = "fr"
    placed(name="Guangzhou")

    response = client.get(URL)

    assert response.status_code == HTTPStatus.OK
    (svg,) = maps(response)
    circle = next(svg.iter("circle"))
    # Numbers in the SVG stay numbers (no decimal comma), the table reads French.
    assert "," not in circle.get("r") and "," not in svg.get("viewBox")
    assert "23,1291" in response.content.decode()
