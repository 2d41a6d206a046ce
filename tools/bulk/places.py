"""Plausible coordinates for bulk cities: a point inside a box drawn within
each country of tools.bulk.generator.COUNTRIES (latitude from, to; longitude
from, to), mostly on land, so that the map of a large scale looks like a map
of the members and not like noise."""

import random
from decimal import Decimal

from members.models import COORDINATE_PLACES

BOXES = {
    # Africa
    "NG": (5.0, 12.0, 4.0, 13.0),
    "SN": (13.0, 16.0, -16.5, -12.5),
    "KE": (-4.0, 3.0, 34.5, 40.5),
    "ZA": (-33.5, -23.5, 18.5, 31.0),
    "EG": (24.0, 31.0, 30.0, 32.5),
    "MA": (29.5, 35.0, -9.5, -2.5),
    "GH": (5.2, 10.5, -2.8, 0.5),
    "CI": (5.3, 10.0, -7.5, -3.5),
    "ET": (4.5, 13.5, 35.5, 42.5),
    "TZ": (-10.0, -2.0, 30.5, 38.5),
    # Asia-Pacific
    "CN": (22.5, 40.5, 103.0, 120.0),
    "IN": (10.0, 29.0, 73.5, 87.0),
    "JP": (33.0, 40.0, 131.0, 140.5),
    "KR": (34.8, 37.8, 126.8, 129.2),
    "ID": (-7.8, -6.2, 106.5, 112.5),
    "PH": (13.0, 18.0, 120.5, 122.0),
    "VN": (10.0, 21.5, 105.0, 107.0),
    "AU": (-37.5, -27.5, 143.0, 151.0),
    "TH": (13.5, 18.5, 99.5, 104.0),
    "MY": (2.0, 6.0, 101.0, 103.0),
    # Europe
    "ES": (37.0, 43.0, -7.5, -0.8),
    "FR": (43.5, 49.5, -0.5, 6.5),
    "DE": (48.0, 54.0, 7.0, 14.0),
    "IT": (40.5, 45.5, 9.0, 15.5),
    "PL": (50.0, 54.0, 15.5, 23.5),
    "PT": (37.2, 41.8, -8.7, -7.0),
    "SE": (56.0, 63.0, 12.5, 18.0),
    "GB": (51.0, 55.0, -3.0, 0.0),
    "NL": (51.5, 53.0, 4.5, 6.8),
    "BE": (50.0, 51.2, 3.2, 5.8),
    # Latin America & Caribbean
    "MX": (17.0, 25.0, -104.0, -97.5),
    "BR": (-29.5, -5.5, -52.0, -37.0),
    "AR": (-38.0, -27.0, -65.0, -58.5),
    "CO": (2.0, 10.5, -76.5, -73.0),
    "CL": (-40.0, -20.0, -72.5, -70.0),
    "PE": (-15.5, -5.0, -79.0, -75.0),
    "UY": (-34.7, -31.0, -57.8, -54.0),
    "EC": (-3.5, 0.5, -80.0, -78.0),
    "BO": (-21.0, -11.0, -68.0, -63.0),
    "CU": (20.2, 22.8, -83.5, -75.5),
    # North America
    "US": (31.0, 45.0, -120.0, -76.0),
    "CA": (49.5, 53.5, -122.0, -97.0),
}

QUANTUM = Decimal(1).scaleb(-COORDINATE_PLACES)


def coordinates(rng: random.Random, country: str) -> tuple[Decimal, Decimal]:
    """A random (latitude, longitude) in `country`'s box, six decimals."""
    south, north, west, east = BOXES[country]
    return (
        Decimal(rng.uniform(south, north)).quantize(QUANTUM),
        Decimal(rng.uniform(west, east)).quantize(QUANTUM),
    )
