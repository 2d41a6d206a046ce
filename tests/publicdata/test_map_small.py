"""The small maps: the world on the home page, each region on the regional
secretariats page; and the way from the directory to the map."""

from decimal import Decimal

import pytest
from django.urls import reverse

from members.models import MemberCity
from tests import factories
from tests.publicdata.maps import DEFS_SVG, maps, placed, points

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_the_members_on_a_small_world_map(client):
    city = placed(name="Guangzhou")
    placed(name="Atlantis", status=MemberCity.Status.WITHDRAWN)

    response = client.get(reverse("home"))

    (svg,) = maps(response)
    assert "member-map-small" in svg.get("class")
    assert points(svg) == {"Guangzhou": city.get_absolute_url()}
    html = response.content.decode()
    assert len(DEFS_SVG.findall(html)) == 1
    assert f'href="{reverse("publicdata:member-map")}"' in html


def test_each_region_has_its_small_map_on_the_secretariats_page(client):
    africa = factories.RegionFactory(name="Africa", slug="africa")
    europe = factories.RegionFactory(name="Europe", slug="europe")
    factories.RegionFactory(name="North America", slug="north-america")
    dakar = placed(
        name="Dakar", region=africa, latitude=Decimal("14.69"), longitude=-17
    )
    berlin = placed(name="Berlin", region=europe, latitude=52, longitude=13)

    response = client.get(reverse("members:secretariats"))

    africa_map, europe_map, america_map = maps(response)
    assert points(africa_map) == {"Dakar": dakar.get_absolute_url()}
    assert points(europe_map) == {"Berlin": berlin.get_absolute_url()}
    assert points(america_map) == {}
    # A region's map is fitted to its members; one without any shows the world.
    assert float(africa_map.get("viewBox").split()[2]) < 1000
    assert float(america_map.get("viewBox").split()[2]) == 1000
    html = response.content.decode()
    # The outlines once for the page, each map using them.
    assert len(DEFS_SVG.findall(html)) == 1
    assert f"{reverse('publicdata:member-map')}?region=africa" in html


def test_the_directory_links_to_the_map_of_its_region(client):
    factories.RegionFactory(slug="europe")

    response = client.get(reverse("members:member-list"), {"region": "europe"})

    assert f"{reverse('publicdata:member-map')}?region=europe" in (
        response.content.decode()
    )
