"""The home page's small world map draws a point per group of nearby
members of a region, so that the page does not grow with the members."""

from decimal import Decimal

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.publicdata.maps import maps, placed, points

pytestmark = pytest.mark.django_db

# Ten places, each in the middle of its 6-degree cell.
PLACES = [(Decimal(3 + 6 * row), Decimal(3 + 12 * row)) for row in range(10)]


def test_nearby_members_of_a_region_are_one_point_linked_to_its_map(client):
    europe = factories.RegionFactory(name="Europe", slug="europe")
    africa = factories.RegionFactory(name="Africa", slug="africa")
    placed(name="Barcelona", region=europe, latitude=Decimal("41.39"), longitude=2)
    placed(name="Girona", region=europe, latitude=Decimal("41.98"), longitude=3)
    # In Barcelona's cell, but of another region: a point of its own.
    algiers = placed(
        name="Algiers", region=africa, latitude=Decimal("36.75"), longitude=3
    )
    dakar = placed(name="Dakar", region=africa, latitude=14, longitude=-17)

    response = client.get(reverse("home"))

    (svg,) = maps(response)
    full_map = reverse("publicdata:member-map")
    assert points(svg) == {
        "2 member cities, Barcelona among them": f"{full_map}?region=europe",
        "Algiers": algiers.get_absolute_url(),
        "Dakar": dakar.get_absolute_url(),
    }
    radii = {
        link.findtext("title"): float(link.find("circle").get("r"))
        for link in svg.iter("a")
    }
    assert radii["2 member cities, Barcelona among them"] > radii["Dakar"]


def place_members(region, first, last):
    for number in range(first, last):
        latitude, longitude = PLACES[number % len(PLACES)]
        placed(
            name=f"City {number:04d}",
            slug=f"city-{number:04d}",
            region=region,
            latitude=latitude + Decimal(number % 3) / 2,
            longitude=longitude - Decimal(number % 5) / 2,
        )


def home_page(client):
    """The page made afresh (nothing in the cache): its bytes, its queries."""
    caches["api"].clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("home"))
    return len(response.content), len(queries)


def test_the_home_page_weighs_the_same_with_30_or_300_members(client):
    region = factories.RegionFactory(name="Asia", slug="asia")
    place_members(region, 0, 30)
    small_size, small_queries = home_page(client)

    place_members(region, 30, 300)
    large_size, large_queries = home_page(client)

    response = client.get(reverse("home"))
    (svg,) = maps(response)
    assert len(points(svg)) == len(PLACES)
    assert "<strong>300</strong> member cities" in response.content.decode()
    assert large_queries == small_queries
    assert abs(large_size - small_size) <= small_size * 0.01


def secretariats_page(client):
    """The page made afresh (nothing in the cache): its bytes, its queries."""
    caches["api"].clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("members:secretariats"))
    return len(response.content), len(queries)


def test_a_regions_small_map_weighs_the_same_with_30_or_300_members(client):
    region = factories.RegionFactory(name="Asia", slug="asia")
    place_members(region, 0, 30)
    small_size, small_queries = secretariats_page(client)

    place_members(region, 30, 300)
    large_size, large_queries = secretariats_page(client)

    (svg,) = maps(client.get(reverse("members:secretariats")))
    titles = [link.findtext("title") for link in svg.iter("a")]
    # A point per cell with members (each place), not one per member; every
    # member counted in one of them.
    assert len(titles) == len(PLACES)
    assert sum(int(title.split()[0]) for title in titles) == 300
    assert large_queries == small_queries
    assert abs(large_size - small_size) <= small_size * 0.01
