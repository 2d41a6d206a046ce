"""metropolis.settings read in an interpreter of its own, from an environment
a test chooses (a process reads its settings once)."""

import os
import subprocess
import sys

from django.conf import settings


def run_settings(
    code: str, *, check: bool = False, **env
) -> subprocess.CompletedProcess:
    """Run `code` (which imports metropolis.settings) with PATH, DJANGO_DEBUG=1
    and `env` as its whole environment; its output as text."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={"PATH": os.environ.get("PATH", ""), "DJANGO_DEBUG": "1", **env},
        capture_output=True,
        text=True,
        check=check,
    )
