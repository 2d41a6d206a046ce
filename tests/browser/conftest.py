"""Browser tests: Playwright drives Debian's Chromium against the live server.

Chromium comes from `apt-get install -y chromium`, never from `playwright
install`. Where it is missing these tests skip, unless
METROPOLIS_REQUIRE_BROWSER=1 (CI) turns the skip into a failure.
"""

import os
from pathlib import Path

import pytest

from tools.demo.services import load_demo

CHROMIUM = Path("/usr/bin/chromium")
MISSING = (
    f"Chromium is not installed at {CHROMIUM}: install it with "
    "`apt-get install -y chromium` (never `playwright install`)."
)


def browser_required() -> bool:
    return os.environ.get("METROPOLIS_REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="session", autouse=True)
def _chromium():
    """Skip, or in CI fail, every browser test where Chromium is missing.

    Also lets Django's ORM run in the tests' thread, where Playwright's sync
    API keeps an event loop running from the first page until the session
    ends (pytest runs the browser tests last, grouped by browser).
    """
    if not CHROMIUM.exists():
        if browser_required():
            pytest.fail(MISSING, pytrace=False)
        pytest.skip(MISSING)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def demo():
    """The demo data: Guangzhou, its alliance, the 2021–2023 plan, the post."""
    return load_demo()


@pytest.fixture
def page(page):
    # A missing element fails in seconds, not after Playwright's 30.
    page.set_default_timeout(10_000)
    return page
