"""The API's JSON renderer (core.api.renderers, orjson) writes the very bytes
DRF's JSONRenderer writes, which clients and ETags were made with."""

import datetime
import decimal
import uuid
from zoneinfo import ZoneInfo

import pytest
from django.utils.translation import gettext_lazy
from rest_framework import renderers
from rest_framework.exceptions import ErrorDetail
from rest_framework.utils.serializer_helpers import ReturnDict, ReturnList

from core.api.renderers import JSONRenderer

MADRID = ZoneInfo("Europe/Madrid")

VALUES = [
    {"name": "Guangzhou", "population": 18_000_000, "is_capital": False},
    {"text": "Ciudad «sur» — 广州 😀", "quote": 'say "hi"\\\n\t', "none": None},
    {"separators": "line\u2028paragraph\u2029end", "control": "\x00\x1f"},
    {"lazy": gettext_lazy("Any"), "detail": ErrorDetail("Bad.", code="invalid")},
    {
        "at": datetime.datetime(2024, 3, 1, 12, 30, 5, 123456, tzinfo=datetime.UTC),
        "madrid": datetime.datetime(2024, 7, 1, 9, 0, tzinfo=MADRID),
        "naive": datetime.datetime(2024, 7, 1, 9, 0),
        "day": datetime.date(2024, 2, 29),
        "time": datetime.time(8, 15),
        "amount": decimal.Decimal("1234.50"),
        "key": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    },
    {1: "one", False: "no", None: "nothing", 2.5: "half"},
    ReturnDict(
        {"results": ReturnList([{"id": 1}, {"id": 2}], serializer=None)},
        serializer=None,
    ),
    ["a", ("b", "c"), [], {}],
    {"deep": [[[[{"x": [1, 2.5, -3]}]]]]},
    2**70,  # beyond orjson: DRF's renderer writes it
    "",
]


@pytest.mark.parametrize("value", VALUES)
def test_the_bytes_are_drf_s(value):
    assert JSONRenderer().render(value) == renderers.JSONRenderer().render(value)


def test_an_indented_answer_is_drf_s():
    value = {"a": [1, {"b": "c"}]}
    media_type = "application/json; indent=4"

    assert JSONRenderer().render(value, media_type) == renderers.JSONRenderer().render(
        value, media_type
    )
    assert b"\n    " in JSONRenderer().render(value, media_type)


def test_no_data_is_an_empty_body():
    assert JSONRenderer().render(None) == b""
