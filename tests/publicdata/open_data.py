"""Reading the open data files as a reuser would, and the rules they must
follow: RFC 4180 CSV read by the csv module, RFC 7946 GeoJSON and the
Frictionless Data Package / Table Schema rules, checked in code."""

import csv
import datetime
import io
import json
import re
from decimal import Decimal, InvalidOperation

from django.urls import reverse

FILENAMES = [
    "members.csv",
    "members.json",
    "members.geojson",
    "board.csv",
    "alliances.csv",
]
# https://specs.frictionlessdata.io/data-package/#name and #resource-name
NAME = re.compile(r"^[a-z0-9._/-]+$")
FIELD_TYPES = {"string", "number", "integer", "boolean", "date"}


def file_url(filename: str) -> str:
    return reverse("publicdata:open-data-file", kwargs={"filename": filename})


def download(client, filename: str) -> bytes:
    response = client.get(file_url(filename))
    assert response.status_code == 200, filename
    return b"".join(response.streaming_content)


def package(client) -> dict:
    return client.get(reverse("publicdata:open-data-package")).json()


def read_csv(data: bytes) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
    rows = list(reader)
    return list(reader.fieldnames), rows


def schema_of(package_: dict, path: str) -> dict:
    [resource] = [r for r in package_["resources"] if r["path"] == path]
    return resource["schema"]


def check_package(package_: dict) -> None:
    """The Data Package rules this project's descriptor relies on."""
    assert NAME.match(package_["name"])
    assert package_["licenses"]
    for license in package_["licenses"]:
        assert license.get("name") or license.get("path")
    names = [resource["name"] for resource in package_["resources"]]
    assert len(names) == len(set(names))
    for resource in package_["resources"]:
        assert NAME.match(resource["name"])
        path = resource["path"]
        # A relative POSIX path inside the package (no "..", no leading "/").
        assert not path.startswith("/") and ".." not in path.split("/")
        assert "://" not in path
        fields = resource["schema"]["fields"]
        field_names = [field["name"] for field in fields]
        assert len(field_names) == len(set(field_names))
        for field in fields:
            assert field["type"] in FIELD_TYPES
            assert field["description"]
            enum = field.get("constraints", {}).get("enum")
            assert enum is None or (isinstance(enum, list) and enum)
        assert set(resource["schema"].get("primaryKey", [])) <= set(field_names)


def cast_text(value: str, field: dict):
    """A CSV cell as the Table Schema type of its field would read it;
    raises ValueError where it cannot."""
    if value == "":
        return None
    match field["type"]:
        case "integer":
            return int(value)
        case "number":
            try:
                return Decimal(value)
            except InvalidOperation:
                raise ValueError(value) from None
        case "boolean":
            if value not in ("true", "false"):
                raise ValueError(value)
            return value == "true"
        case "date":
            return datetime.date.fromisoformat(value)
    return value


def check_value(value, field: dict) -> None:
    """A JSON value against its field (null is a missing value)."""
    if value is None:
        return
    expected = {
        "string": str,
        "integer": int,
        "number": (int, float),
        "boolean": bool,
        "date": str,
    }[field["type"]]
    assert isinstance(value, expected), (field["name"], value)
    if field["type"] in ("integer", "number"):
        assert not isinstance(value, bool), field["name"]
    if field["type"] == "date":
        datetime.date.fromisoformat(value)
    enum = field.get("constraints", {}).get("enum")
    if enum:
        assert value in enum, (field["name"], value)


def check_csv(data: bytes, schema: dict) -> list[dict[str, str]]:
    header, rows = read_csv(data)
    assert header == [field["name"] for field in schema["fields"]]
    for row in rows:
        for field in schema["fields"]:
            typed = cast_text(row[field["name"]], field)
            check_value(
                typed.isoformat()
                if isinstance(typed, datetime.date)
                else float(typed)
                if isinstance(typed, Decimal)
                else typed,
                field,
            )
    return rows


def check_position(position) -> None:
    """RFC 7946 3.1.1: longitude, latitude (and an optional altitude)."""
    assert isinstance(position, list) and len(position) in (2, 3)
    assert all(isinstance(n, int | float) and not isinstance(n, bool) for n in position)
    longitude, latitude = position[:2]
    assert -180 <= longitude <= 180 and -90 <= latitude <= 90


def check_feature_collection(document) -> None:
    """RFC 7946: a FeatureCollection of Features, each with a geometry
    (a GeoJSON object or null) and properties (an object or null); no
    "crs" member (section 4); ids strings or numbers (3.2)."""
    assert document["type"] == "FeatureCollection"
    assert isinstance(document["features"], list)
    assert "crs" not in document
    for feature in document["features"]:
        assert feature["type"] == "Feature"
        assert "geometry" in feature and "properties" in feature
        assert "crs" not in feature
        if "id" in feature:
            assert isinstance(feature["id"], str | int | float)
        assert feature["properties"] is None or isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        if geometry is not None:
            assert geometry["type"] == "Point"
            check_position(geometry["coordinates"])


def parse_json(data: bytes):
    return json.loads(data.decode("utf-8"))
