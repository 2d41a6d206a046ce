"""The world map of the members, drawn on the server: the shipped country
outlines (data/countries-110m.json, Natural Earth) in the Equal Earth
projection, and the member cities as points coloured by region.

Everything is in one SVG coordinate space, WIDTH units wide for the whole
world; a map of a region is the same drawing seen through a smaller viewBox.
The outlines are projected once per process (world()): they are the
same shipped file for every page."""

import functools
import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from publicdata.projection import equal_earth
from publicdata.topojson import load

OUTLINES = Path(__file__).resolve().parent / "data" / "countries-110m.json"
# No member city is near the poles: the map shows 84° N to 58° S, which
# leaves Antarctica out (ISO 3166 numeric 010).
NORTH, SOUTH = 84.0, -58.0
LEFT_OUT = {"010"}
WIDTH = 1000
X_MAX = equal_earth(180, 0)[0]
SCALE = WIDTH / (2 * X_MAX)
TOP = equal_earth(0, NORTH)[1]
HEIGHT = round((TOP - equal_earth(0, SOUTH)[1]) * SCALE, 1)
# How far (in units) a point may be from the simplified outline.
TOLERANCE = 0.6
# Colour-blind-safe (Okabe and Ito), dark enough to see on the pale land,
# given to the regions in name order; more regions than colours reuse them.
PALETTE = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
)
# A region's map shows at least this many units across, with this margin
# around its points, at the world's proportions.
MIN_SPAN = 300.0
MARGIN = 40.0


def project(longitude: float, latitude: float) -> tuple[int, int]:
    """A point in degrees as whole SVG units (x right, y down) of the world
    map: a pixel on a map 1,000 pixels wide, finer than the outlines."""
    x, y = equal_earth(longitude, latitude)
    return round((x + X_MAX) * SCALE), round((TOP - y) * SCALE)


def unwrap(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """`ring` without jumps across the antimeridian: a ring that crosses it
    (Russia's Chukotka, Fiji) goes on past 180° (or -180°) instead."""
    unwrapped: list[tuple[float, float]] = []
    shift = 0.0
    for longitude, latitude in ring:
        if unwrapped:
            step = longitude + shift - unwrapped[-1][0]
            if step > 180:
                shift -= 360
            elif step < -180:
                shift += 360
        unwrapped.append((longitude + shift, latitude))
    return unwrapped


def copies(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """The ring to draw, and its copy a turn west or east if it goes past the
    antimeridian: the map's outline (sphere_path()) clips each to its side."""
    ring = unwrap(ring)
    drawn = [ring]
    longitudes = [longitude for longitude, _ in ring]
    if max(longitudes) > 180:
        drawn.append([(longitude - 360, latitude) for longitude, latitude in ring])
    if min(longitudes) < -180:
        drawn.append([(longitude + 360, latitude) for longitude, latitude in ring])
    return drawn


def sphere_path() -> str:
    """The edge of the world in the projection (the meridians 180° east and
    west, pole to pole): the sea, and the clip of the outlines."""
    east = [(180.0, latitude) for latitude in range(-90, 91, 3)]
    west = [(-180.0, latitude) for latitude in range(90, -91, -3)]
    return ring_path(east + west)


def ring_path(ring: Iterable[tuple[float, float]]) -> str:
    """One closed ring as path data; points that fall on the same tenth of a
    unit as the one before are dropped (the simplification a map this size
    needs); a ring reduced to less than a triangle is no ring."""
    points: list[tuple[float, float]] = []
    for longitude, latitude in ring:
        point = project(longitude, latitude)
        if not points or point != points[-1]:
            points.append(point)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    points = simplify(points)
    if len(points) < 3:
        return ""
    # The first point absolute, then each as a move from the one before: on
    # a whole-unit grid most moves are one digit each way.
    (x0, y0), steps = points[0], []
    for (ax, ay), (bx, by) in itertools.pairwise(points):
        steps.append(f"{bx - ax:g} {by - ay:g}")
    return f"M{x0:g} {y0:g}l{' '.join(steps)}z"


def simplify(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """`points` without those that lie within TOLERANCE of the line through
    their neighbours kept (Douglas and Peucker, 1973): straight runs of the
    whole-unit grid become one move."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        farthest, distance = None, TOLERANCE
        for index in range(first + 1, last):
            px, py = points[index]
            if length:
                away = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            else:
                away = math.hypot(px - ax, py - ay)
            if away > distance:
                farthest, distance = index, away
        if farthest is not None:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


@dataclass(frozen=True)
class Country:
    name: str
    path: str


@dataclass(frozen=True)
class World:
    """What every map draws under its points (publicdata/includes/
    world_defs.html): the world's edge and the countries in name order."""

    sphere: str
    countries: tuple[Country, ...]


@functools.cache
def world() -> World:
    """The outlines as SVG path data: read and projected once per process,
    then shared by every map (immutable)."""
    countries = []
    for feature in load(OUTLINES, "countries"):
        if feature.id in LEFT_OUT:
            continue
        path = "".join(
            ring_path(drawn)
            for polygon in feature.polygons
            for ring in polygon
            for drawn in copies(ring)
        )
        if path:
            countries.append(Country(name=feature.name, path=path))
    countries.sort(key=lambda country: country.name)
    return World(sphere=sphere_path(), countries=tuple(countries))


@dataclass(frozen=True)
class Point:
    x: int
    y: int
    name: str
    url: str
    colour: str
    country: str
    region: str
    # Its own radius (in the map's units) when it is not the map's.
    radius: float | None = None


@dataclass(frozen=True)
class LegendEntry:
    name: str
    slug: str
    colour: str
    count: int


@dataclass
class MemberMap:
    """What a template needs to draw a map (publicdata/includes/map.html):
    its viewBox, the radius of its points in its units, the points (the
    members with coordinates) and the legend."""

    points: list[Point] = field(default_factory=list)
    legend: list[LegendEntry] = field(default_factory=list)
    view_box: tuple[float, float, float, float] = (0, 0, WIDTH, HEIGHT)
    radius: float = 5.0

    @property
    def stroke(self) -> float:
        """The white ring around each point, that tells close points apart."""
        return round(self.radius / 4, 2)

    @property
    def view_box_attr(self) -> str:
        return " ".join(f"{value:g}" for value in self.view_box)


def region_colours(regions: Iterable) -> dict[int, str]:
    """A colour per region (by id), the regions in name order."""
    ordered = sorted(regions, key=lambda region: region.name)
    return {
        region.pk: PALETTE[index % len(PALETTE)] for index, region in enumerate(ordered)
    }


def fit(points: list[Point]) -> tuple[float, float, float, float]:
    """The viewBox that shows `points` with a margin, at the proportions of
    the whole map, inside it; the whole map when there is no point."""
    if not points:
        return (0, 0, WIDTH, HEIGHT)
    xs = [point.x for point in points]
    ys = [point.y for point in points]
    width = max(max(xs) - min(xs) + 2 * MARGIN, MIN_SPAN)
    height = max(max(ys) - min(ys) + 2 * MARGIN, MIN_SPAN * HEIGHT / WIDTH)
    # The world's proportions: widen or heighten the box.
    width, height = (
        max(width, height * WIDTH / HEIGHT),
        max(height, width * HEIGHT / WIDTH),
    )
    width, height = min(width, WIDTH), min(height, HEIGHT)
    left = min(max((min(xs) + max(xs) - width) / 2, 0), WIDTH - width)
    top = min(max((min(ys) + max(ys) - height) / 2, 0), HEIGHT - height)
    return tuple(round(value, 1) for value in (left, top, width, height))
