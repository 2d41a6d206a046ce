"""The hostile world as fixtures: every free-text field holds XSS payloads.

The world is built by tests/hostile/world.py; the checks that tell an inert
page from one an attacker could run script in are in tests/hostile/inert.py,
the site's, the portal's and the admin's forms in tests/hostile/form_pages.py."""

import pytest
from django.db import transaction

from tests.hostile.world import World, build_world


@pytest.fixture(scope="module")
def _world_rows(django_db_setup, django_db_blocker):
    """The world, built once per module in a transaction rolled back at its
    end; each test runs in a savepoint within it (pytest-django's `db`)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(_world_rows, db) -> World:
    """Every free-text field of every kind of record holds payloads; the records
    are public where they can be, so that every page shows them."""
    return _world_rows
