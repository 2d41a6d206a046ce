import pytest

from tests.dues.utils import make_city, make_grid


@pytest.fixture
def grid():
    """The 2026–2028 grid, every cell a distinct amount (tests/dues/utils.py)."""
    return make_grid()


@pytest.fixture
def city():
    return make_city(name="Barcelona", slug="barcelona")
