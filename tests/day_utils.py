"""Madrid's day, moved in a test."""

import datetime

from django.utils import timezone

REAL_LOCALDATE = timezone.localdate


def on_day(monkeypatch, day: datetime.date) -> None:
    """timezone.localdate() is `day` (the day of a given moment stays as it
    is); called again, the day moves on."""
    monkeypatch.setattr(
        timezone,
        "localdate",
        lambda value=None, tz=None: day if value is None else REAL_LOCALDATE(value, tz),
    )
