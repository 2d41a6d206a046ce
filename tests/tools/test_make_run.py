"""`make run`: migrate, the demo (accounts created once), the server on PORT."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="no make")


def planned(*args: str) -> list[str]:
    """The commands `make` would run, without running them. Under `make test`
    the outer make's variables would make this one a sub-make that prints
    "Entering/Leaving directory": they are left out."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES"}
    }
    result = subprocess.run(
        ["make", "--dry-run", "--no-print-directory", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.splitlines()


def test_run_serves_on_port_8000_by_default():
    assert planned("run")[-1].endswith("manage.py runserver 127.0.0.1:8000")


def test_run_serves_on_the_port_given():
    assert planned("run", "PORT=8123")[-1].endswith(
        "manage.py runserver 127.0.0.1:8123"
    )


def test_run_loads_the_demo_without_resetting_it():
    (load,) = [line for line in planned("run") if "load_demo" in line]
    assert load.endswith("load_demo --accounts")


def test_demo_reset_resets_records_and_passwords():
    (load,) = [line for line in planned("demo-reset") if "load_demo" in line]
    assert load.endswith("load_demo --reset --accounts")
