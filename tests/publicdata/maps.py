"""Helpers of the map tests: the SVG maps of a page, parsed."""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

from tests import factories

MAP_SVG = re.compile(r'<svg class="member-map.*?</svg>', re.S)
DEFS_SVG = re.compile(r'<svg class="map-defs.*?</svg>', re.S)


def maps(response) -> list[ET.Element]:
    """Every member map on the page, each parsed on its own (a parse error
    fails the test)."""
    return [ET.fromstring(svg) for svg in MAP_SVG.findall(response.content.decode())]


def points(svg: ET.Element) -> dict[str, str]:
    """The map's points: each link's accessible name (its <title>) -> href."""
    return {link.findtext("title"): link.get("href") for link in svg.iter("a")}


def placed(**fields):
    """A member city with coordinates (Guangzhou's unless given)."""
    fields.setdefault("latitude", Decimal("23.1291"))
    fields.setdefault("longitude", Decimal("113.2644"))
    return factories.MemberCityFactory(**fields)
