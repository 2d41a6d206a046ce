"""Helpers for tests that restore a backup into an emptied database."""

from django.core.management import call_command
from django.db import connection


def empty_the_database():
    """As a new database after `migrate`: content types, permissions and the
    Secretariat group, nothing else."""
    if connection.vendor == "postgresql":
        # In the test's transaction PostgreSQL truncates no table with foreign
        # key checks still pending: run them now.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
