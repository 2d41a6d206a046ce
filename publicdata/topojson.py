"""A small TopoJSON reader (https://github.com/topojson/topojson-specification):
enough of it for the shipped world outlines, polygons and multipolygons of a
quantized topology, as (longitude, latitude) rings."""

import json
from dataclasses import dataclass
from pathlib import Path

Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class Feature:
    id: str
    name: str
    # Each polygon is its rings, the outer one first, then its holes.
    polygons: list[list[Ring]]


def decode_arcs(topology: dict) -> list[Ring]:
    """Every arc as absolute positions. A quantized topology stores each
    position of an arc as the difference from the one before, in integers
    that its transform scales and translates (spec, 2.1.2 and 2.2)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(x), float(y)) for x, y, *_ in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[Ring]) -> Ring:
    """The ring made of arcs `indexes`; a negative index ~i is arc i reversed.
    Each arc starts where the last one ended: that point is kept once."""
    points: Ring = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def features(topology: dict, name: str) -> list[Feature]:
    """The polygons of the object `name` (e.g. "countries"), one Feature per
    geometry; other geometry types are left out."""
    arcs = decode_arcs(topology)
    found = []
    for geometry in topology["objects"][name]["geometries"]:
        kind = geometry.get("type")
        if kind == "Polygon":
            polygons = [geometry["arcs"]]
        elif kind == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        found.append(
            Feature(
                id=str(geometry.get("id", "")),
                name=geometry.get("properties", {}).get("name", ""),
                polygons=[[ring(r, arcs) for r in polygon] for polygon in polygons],
            )
        )
    return found


def load(path: Path, name: str) -> list[Feature]:
    with path.open(encoding="utf-8") as file:
        return features(json.load(file), name)
