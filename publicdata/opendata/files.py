"""The open data files and their Frictionless Data Package description
(https://specs.frictionlessdata.io/data-package/)."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from publicdata.opendata.datasets import ALLIANCES, BOARD, LICENSE, MEMBERS, Dataset
from publicdata.opendata.formats import csv_lines, geojson_lines, json_lines

CSV_DIALECT = {"delimiter": ",", "lineTerminator": "\r\n", "header": True}


@dataclass(frozen=True)
class DataFile:
    """A file of /open-data/: a dataset in one format."""

    resource: str
    filename: str
    dataset: Dataset
    format: str
    mediatype: str
    lines: Callable[[Dataset, object], Iterator[str]]

    @property
    def content_type(self) -> str:
        return f"{self.mediatype}; charset=utf-8"


FILES = {
    file.filename: file
    for file in (
        DataFile("members", "members.csv", MEMBERS, "csv", "text/csv", csv_lines),
        DataFile(
            "members-json",
            "members.json",
            MEMBERS,
            "json",
            "application/json",
            json_lines,
        ),
        DataFile(
            "members-geojson",
            "members.geojson",
            MEMBERS,
            "geojson",
            "application/geo+json",
            geojson_lines,
        ),
        DataFile("board", "board.csv", BOARD, "csv", "text/csv", csv_lines),
        DataFile("alliances", "alliances.csv", ALLIANCES, "csv", "text/csv", csv_lines),
    )
}


def table_schema(dataset: Dataset) -> dict:
    fields = []
    for column in dataset.columns:
        described = {
            "name": column.name,
            "type": column.type,
            "description": str(column.description),
        }
        if column.enum:
            described["constraints"] = {"enum": list(column.enum)}
        fields.append(described)
    schema = {"fields": fields, "missingValues": [""]}
    if dataset.primary_key:
        schema["primaryKey"] = list(dataset.primary_key)
    return schema


def resource(file: DataFile) -> dict:
    described = {
        "name": file.resource,
        "path": file.filename,
        "title": str(file.dataset.title),
        "description": str(file.dataset.description),
        "format": file.format,
        "mediatype": file.mediatype,
        "encoding": "utf-8",
        "licenses": [LICENSE],
        "schema": table_schema(file.dataset),
    }
    if file.format == "csv":
        described["profile"] = "tabular-data-resource"
        described["dialect"] = CSV_DIALECT
    else:
        described["profile"] = "data-resource"
    return described


def datapackage() -> dict:
    """The Data Package descriptor (datapackage.json); resource paths are
    relative to it (the files sit beside it under /open-data/)."""
    return {
        "profile": "data-package",
        "name": "metropolis-members",
        "title": "Metropolis: members, board history and alliances",
        "description": (
            "The public directory of the member cities of Metropolis, the "
            "history of its board and the public facts of its alliances, as "
            "shown on its public site."
        ),
        "licenses": [LICENSE],
        "keywords": ["metropolis", "cities", "members", "open data"],
        "resources": [resource(file) for file in FILES.values()],
    }
