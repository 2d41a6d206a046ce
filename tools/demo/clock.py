"""The demo's today: the Madrid day (settings.TIME_ZONE). Tests move it."""

import datetime

from django.utils import timezone


def today() -> datetime.date:
    return timezone.localdate()


def assembly_day(today: datetime.date) -> datetime.date:
    """The day of the demo's General Assembly held last year: in the autumn,
    15 October or the Friday before it when it falls on a weekend. The right
    to vote there rests on the fee of the year before last, which the demo's
    dues invoice for that reason."""
    day = datetime.date(today.year - 1, 10, 15)
    return day - datetime.timedelta(days=max(day.weekday() - 4, 0))
