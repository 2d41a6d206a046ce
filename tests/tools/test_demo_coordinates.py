"""`manage.py load_demo`: every real demo city is on the map, where it is
(the governance demo's illustrative "Example City" has no place)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from members.models import MemberCity

pytestmark = pytest.mark.django_db

# City centres, to a hundredth of a degree (about a kilometre).
PLACES = {
    "guangzhou": ("23.13", "113.26"),
    "barcelona": ("41.39", "2.17"),
    "berlin": ("52.52", "13.41"),
    "dakar": ("14.69", "-17.45"),
    "montevideo": ("-34.90", "-56.16"),
    "mexico-city": ("19.43", "-99.13"),
}
HUNDREDTH = Decimal("0.01")


def test_every_demo_city_has_its_real_coordinates(demo):
    found = {
        city.slug: (city.latitude, city.longitude)
        for city in MemberCity.objects.filter(slug__in=PLACES)
    }

    assert set(found) == set(PLACES)
    for slug, (latitude, longitude) in PLACES.items():
        assert abs(found[slug][0] - Decimal(latitude)) <= HUNDREDTH, slug
        assert abs(found[slug][1] - Decimal(longitude)) <= HUNDREDTH, slug


def test_the_demo_map_shows_every_city(client, demo):
    response = client.get(reverse("publicdata:member-map"))

    assert response.context["located"] == len(PLACES)
