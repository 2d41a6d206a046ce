"""Helpers of the chart tests: a page's charts (SVG, parsed) and the tables
beside them (HTML, read as text)."""

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from html.parser import HTMLParser

CHART_SVG = re.compile(r'<svg class="chart.*?</svg>', re.S)


def charts(response) -> dict[str, ET.Element]:
    """Every chart on the page by its id, each parsed on its own (a parse
    error fails the test)."""
    found = [ET.fromstring(svg) for svg in CHART_SVG.findall(response.content.decode())]
    return {svg.get("id"): svg for svg in found}


def bar_values(svg: ET.Element) -> dict[tuple[str, str], int]:
    """(category, series) -> the value each bar segment says it draws."""
    return {
        (rect.get("data-category"), rect.get("data-series")): int(
            rect.get("data-value")
        )
        for rect in svg.iter("rect")
        if rect.get("data-value")
    }


def spans(svg: ET.Element, kind: str | None = None) -> list[str]:
    """The accessible text of each period drawn, in drawing order."""
    return [
        rect.findtext("title")
        for rect in svg.iter("rect")
        if rect.get("data-kind") and (kind is None or rect.get("data-kind") == kind)
    ]


class _Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = defaultdict(list)
        self.current: str | None = None
        self.row: list[str] | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.current = attrs.get("id")
        elif tag == "tr" and self.current:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self.current = None
        elif tag == "tr" and self.row is not None:
            self.tables[self.current].append(self.row)
            self.row = None
        elif tag in ("td", "th") and self.cell is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def table(response, table_id: str) -> list[list[str]]:
    """The rows of the table `table_id` (its header first), each cell's text."""
    parser = _Tables()
    parser.feed(response.content.decode())
    return parser.tables[table_id]


def table_values(rows: list[list[str]]) -> dict[tuple[str, str], int]:
    """(category, series) -> the number in the table, zeros left out as the
    chart draws no segment for them; the total column left out."""
    header, *body = rows
    values = {}
    for row in body:
        for series, cell in zip(header[1:-1], row[1:-1], strict=True):
            number = int(cell.replace(",", "").replace("\u00a0", ""))
            if number:
                values[(row[0], series)] = number
    return values
