"""The demo's today: the Madrid day (settings.TIME_ZONE). Tests move it."""

import datetime

from django.utils import timezone


def today() -> datetime.date:
    return timezone.localdate()
