"""Helpers of the atomic-write tests: the lost connection, the database's state,
and the failures injected after some rows are written."""

import contextlib
from unittest import mock

from django.apps import apps
from django.db import OperationalError
from simple_history.models import HistoricalRecords

LOST = OperationalError("server closed the connection unexpectedly")


def database_state() -> dict[str, list[dict]]:
    """Every row of every table, history and many-to-many tables included."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
    }


class Calls:
    count = 0


@contextlib.contextmanager
def history_fails_after(rows: int):
    """The historical row after the first `rows` ones fails: the record it
    belongs to, and those `rows`, are written by then."""
    real = HistoricalRecords.create_historical_record
    calls = Calls()

    def create_historical_record(self, *args, **kwargs):
        calls.count += 1
        if calls.count > rows:
            raise LOST
        return real(self, *args, **kwargs)

    with mock.patch.object(
        HistoricalRecords, "create_historical_record", create_historical_record
    ):
        yield calls


def fails_on_second_call(real):
    """A side effect that lets the first call through and fails the second."""
    calls = Calls()

    def side_effect(*args, **kwargs):
        calls.count += 1
        if calls.count == 2:
            raise LOST
        return real(*args, **kwargs)

    return side_effect
