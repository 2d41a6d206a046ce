"""The world of the page walk that checks what pages load (one of everything
a page shows), for the walk in every language."""

from tests.metropolis.test_no_external_sources import world  # noqa: F401
