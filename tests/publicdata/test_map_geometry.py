"""The map's drawing: the TopoJSON reader, the Equal Earth projection, the
outlines cut at the antimeridian, a region's view."""

import itertools
import math
import re

from publicdata.maps import HEIGHT, WIDTH, Point, copies, fit, project, world
from publicdata.projection import A1, M, equal_earth
from publicdata.topojson import features


def test_arcs_are_delta_decoded_and_transformed():
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 2], "translate": [-10, 100]},
        "arcs": [[[0, 0], [2, 0], [0, 1]], [[2, 1], [-2, -1]]],
        "objects": {
            "shapes": {
                "type": "GeometryCollection",
                "geometries": [
                    {
                        "type": "Polygon",
                        "id": "1",
                        "properties": {"name": "Square-ish"},
                        "arcs": [[0, 1]],
                    },
                    {"type": "Point", "coordinates": [0, 0]},
                ],
            }
        },
    }

    (feature,) = features(topology, "shapes")

    assert (feature.id, feature.name) == ("1", "Square-ish")
    # Arc 0: (0,0) (2,0) (2,1); arc 1: (2,1) (0,0); the shared point once.
    assert feature.polygons == [[[(-10, 100), (-9, 100), (-9, 102), (-10, 100)]]]


def test_a_negative_arc_index_is_the_arc_reversed():
    topology = {
        "arcs": [[[0, 0], [1, 0]], [[1, 0], [0, 1]], [[0, 0], [1, 1]]],
        "objects": {
            "shapes": {
                "type": "GeometryCollection",
                "geometries": [{"type": "MultiPolygon", "arcs": [[[0, 1, ~2]]]}],
            }
        },
    }

    (feature,) = features(topology, "shapes")

    assert feature.polygons == [[[(0, 0), (1, 0), (0, 1), (0, 0)]]]


def test_equal_earth_matches_the_published_formulas():
    assert equal_earth(0, 0) == (0, 0)
    x, y = equal_earth(180, 0)
    assert math.isclose(x, math.pi / (M * A1))
    assert y == 0
    # The poles: y = θ·(A1 + …) with θ = asin(√3/2 · 1) = π/3.
    assert math.isclose(equal_earth(0, 90)[1], 1.3173627591574133)
    assert equal_earth(-60, -30) == tuple(-v for v in equal_earth(60, 30))


def test_a_point_is_placed_in_the_map_s_units():
    assert project(0, 0)[0] == WIDTH // 2
    left, _ = project(-180, 0)
    right, _ = project(180, 0)
    assert (left, right) == (0, WIDTH)
    assert 0 < project(0, 60)[1] < project(0, 0)[1] < project(0, -50)[1] < HEIGHT


def test_a_ring_across_the_antimeridian_is_drawn_on_both_sides():
    fiji = [(179.0, -16.0), (-179.5, -16.0), (-179.5, -17.0), (179.0, -17.0)]

    east, west = copies(fiji)

    for ring in (east, west):
        steps = [abs(a[0] - b[0]) for a, b in itertools.pairwise(ring)]
        assert max(steps) < 180
    assert east[1][0] == 180.5 and west[1][0] == -179.5


def test_a_ring_away_from_the_antimeridian_is_drawn_once():
    assert copies([(0, 0), (1, 0), (1, 1)]) == [[(0, 0), (1, 0), (1, 1)]]


def test_no_outline_draws_a_line_across_the_world():
    outlines = world()

    assert len(outlines.countries) > 170
    for country in outlines.countries:
        for sub in re.findall(r"M[^M]*", country.path):
            numbers = [int(n) for n in re.findall(r"-?\d+", sub)]
            steps = numbers[2::2]
            assert max(map(abs, steps), default=0) < WIDTH / 2, country.name


def test_the_outlines_are_built_once_per_process():
    assert world() is world()


def point(x, y):
    return Point(x=x, y=y, name="", url="", colour="", country="", region="")


def test_a_region_s_view_holds_its_points_at_the_world_s_proportions():
    points = [point(450, 80), point(520, 110)]

    left, top, width, height = fit(points)

    assert left < 450 and left + width > 520
    assert top < 80 and top + height > 110
    assert math.isclose(width / height, WIDTH / HEIGHT, rel_tol=0.01)
    assert width < WIDTH


def test_a_view_never_leaves_the_map():
    left, top, width, height = fit([point(2, 3)])

    assert (left, top) == (0, 0)
    assert width <= WIDTH and height <= HEIGHT


def test_no_point_shows_the_whole_world():
    assert fit([]) == (0, 0, WIDTH, HEIGHT)
