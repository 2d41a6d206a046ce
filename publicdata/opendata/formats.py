"""The files' bytes, made a batch of rows at a time so that a response of
10,000 members holds a batch in memory, never the file."""

import csv
import io
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from publicdata.opendata.datasets import Dataset, text

# Rows per piece of the response (a few hundred kilobytes at most).
BATCH = 500


def batched(rows: Iterable, size: int = BATCH) -> Iterator[list]:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def csv_lines(dataset: Dataset, request) -> Iterator[str]:
    """RFC 4180 CSV, a header row of the column names first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.name for column in dataset.columns])
    yield buffer.getvalue()
    for batch in batched(dataset.rows(request)):
        buffer.seek(0)
        buffer.truncate()
        writer.writerows([text(value) for value in row.values()] for row in batch)
        yield buffer.getvalue()


def json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, default=json_value)


def json_lines(dataset: Dataset, request) -> Iterator[str]:
    """A JSON array of objects, one per row, keyed by the column names."""
    yield "["
    separator = "\n"
    for batch in batched(dataset.rows(request)):
        yield separator + ",\n".join(dumps(row) for row in batch)
        separator = ",\n"
    yield "\n]\n"


def feature(row: dict) -> dict:
    """An RFC 7946 Feature: a Point at [longitude, latitude] (WGS 84), or a
    null geometry for a member without coordinates (section 3.2)."""
    latitude, longitude = row["latitude"], row["longitude"]
    geometry = None
    if latitude is not None and longitude is not None:
        geometry = {
            "type": "Point",
            "coordinates": [json_value(longitude), json_value(latitude)],
        }
    return {
        "type": "Feature",
        "id": row["slug"],
        "geometry": geometry,
        "properties": row,
    }


def geojson_lines(dataset: Dataset, request) -> Iterator[str]:
    """An RFC 7946 FeatureCollection of the rows (which need `slug`,
    `latitude` and `longitude` columns)."""
    yield '{"type": "FeatureCollection", "features": ['
    separator = "\n"
    for batch in batched(dataset.rows(request)):
        yield separator + ",\n".join(dumps(feature(row)) for row in batch)
        separator = ",\n"
    yield "\n]}\n"
