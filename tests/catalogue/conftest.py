# The walk's world of tests/metropolis: one of everything a page shows.
from tests.metropolis.test_no_external_sources import world  # noqa: F401
