import datetime

import pytest
from django.utils import timezone


@pytest.fixture
def on_day(monkeypatch):
    """Freeze the association's date (Europe/Madrid) on a given day."""
    real_localdate = timezone.localdate

    def freeze(day: datetime.date):
        def localdate(value=None, timezone=None):
            return day if value is None else real_localdate(value, timezone)

        monkeypatch.setattr("django.utils.timezone.localdate", localdate)

    return freeze


@pytest.fixture
def at(monkeypatch):
    """Freeze the time (timezone.now) at a given moment."""

    def freeze(moment: datetime.datetime):
        monkeypatch.setattr("django.utils.timezone.now", lambda: moment)

    return freeze
