"""The full map's table in pages, and its points past MEMBER_POINTS: a point
per group of nearby members of a region, as the small maps draw them."""

from decimal import Decimal
from http import HTTPStatus

import pytest
from django.urls import reverse

import publicdata.points
from tests import factories
from tests.publicdata.maps import maps, placed, points

pytestmark = pytest.mark.django_db

URL = reverse("publicdata:member-map")


def table_names(response) -> list[str]:
    return [row.name for row in response.context["rows"]]


def many(count, **fields):
    for number in range(count):
        placed(name=f"City {number:03d}", slug=f"city-{number:03d}", **fields)


def test_the_table_shows_100_members_a_page_and_page_2_the_next(client):
    many(130)

    first = client.get(URL)
    second = client.get(URL, {"page": 2})

    assert table_names(first) == [f"City {number:03d}" for number in range(100)]
    assert table_names(second) == [f"City {number:03d}" for number in range(100, 130)]
    assert 'rel="next"' in first.content.decode()
    assert "Page 2 of 2" in second.content.decode()


@pytest.mark.parametrize(
    ("page", "first_name"), [("99", "City 100"), ("x", "City 000")]
)
def test_a_page_out_of_range_gives_the_last_or_the_first(client, page, first_name):
    many(130)

    response = client.get(URL, {"page": page})

    assert response.status_code == HTTPStatus.OK
    assert table_names(response)[0] == first_name


def test_the_page_links_keep_the_region(client):
    europe = factories.RegionFactory(name="Europe", slug="europe")
    many(130, region=europe)

    html = client.get(URL, {"region": "europe"}).content.decode()

    assert 'href="?region=europe&amp;page=2"' in html


def test_the_count_line_counts_every_member_not_the_page(client):
    many(130)
    factories.MemberCityFactory(name="Nowhere")

    html = client.get(URL).content.decode()

    assert "131 members, 130 on the map" in html


def test_past_member_points_a_group_is_one_point_linked_to_its_region(
    client, monkeypatch
):
    monkeypatch.setattr(publicdata.points, "MEMBER_POINTS", 2)
    europe = factories.RegionFactory(name="Europe", slug="europe")
    africa = factories.RegionFactory(name="Africa", slug="africa")
    placed(name="Barcelona", region=europe, latitude=Decimal("41.39"), longitude=2)
    placed(name="Girona", region=europe, latitude=Decimal("41.98"), longitude=2)
    dakar = placed(name="Dakar", region=africa, latitude=14, longitude=-17)

    response = client.get(URL)

    (svg,) = maps(response)
    assert points(svg) == {
        "2 member cities, Barcelona among them": f"{URL}?region=europe",
        "Dakar": dakar.get_absolute_url(),
    }
    legend = {entry.name: entry.count for entry in response.context["map"].legend}
    assert legend == {"Africa": 1, "Europe": 2}
    assert "3 members, 3 on the map" in response.content.decode()


def test_up_to_member_points_each_member_is_its_own_point(client, monkeypatch):
    monkeypatch.setattr(publicdata.points, "MEMBER_POINTS", 2)
    placed(name="Barcelona", latitude=Decimal("41.39"), longitude=2)
    placed(name="Girona", latitude=Decimal("41.98"), longitude=2)

    (svg,) = maps(client.get(URL))

    assert sorted(points(svg)) == ["Barcelona", "Girona"]


def test_a_regions_map_past_member_points_groups_its_members(client, monkeypatch):
    monkeypatch.setattr(publicdata.points, "MEMBER_POINTS", 2)
    europe = factories.RegionFactory(name="Europe", slug="europe")
    for name in ("Barcelona", "Girona", "Tarragona"):
        placed(name=name, region=europe, latitude=Decimal("41.5"), longitude=2)
    placed(name="Guangzhou")

    response = client.get(URL, {"region": "europe"})

    (svg,) = maps(response)
    assert points(svg) == {
        "3 member cities, Barcelona among them": f"{URL}?region=europe"
    }
    assert float(svg.get("viewBox").split()[2]) < 1000
    assert svg.get("aria-label") == "Map of the member cities in Europe"
