"""Fixtures of the API core tests: a read key and a write key."""

import pytest

from partners.models import PartnerKey
from tests.metropolis.api.utils import make_key


@pytest.fixture
def read_key(key_owner):
    return make_key(key_owner, PartnerKey.Scope.READ)


@pytest.fixture
def write_key(key_owner):
    return make_key(key_owner, PartnerKey.Scope.WRITE)
