"""The values every field meets, and how they rotate over the fields."""

import pytest

from metropolis.api.urls import router
from tests.hostile import payloads

KINDS = [kind for kind, _value in payloads.FORM_VALUES]
VALUES = dict(payloads.FORM_VALUES)


def rotated(round_: int, rounds: int, index: int, kinds: list[str]) -> str:
    """The value kind field `index` gets in `round_`: over the rounds each field
    meets a share of the kinds, and neighbouring fields the other kinds."""
    stride = -(-len(kinds) // rounds)  # ceiling division
    return kinds[(round_ * stride + index) % len(kinds)]


RESOURCES = [
    pytest.param(viewset, basename, id=prefix)
    for prefix, viewset, basename in router.registry
]
QUERY_KINDS = [kind for kind, _value in payloads.QUERY_VALUES]
QUERY = dict(payloads.QUERY_VALUES)
