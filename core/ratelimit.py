"""Quotas counted in the cache (the API's rate-limit counters' cache): so many
uses of a thing per period, e.g. wrong API keys per client address or password
reset requests per e-mail address.

A quota is a fixed window: "5/hour" allows five uses in each hour that starts
at a multiple of an hour; past them, the caller waits for the next window.
"""

import hashlib
import time

from django.core.cache import cache
from rest_framework.throttling import SimpleRateThrottle


def _window(key: str, rate: str) -> tuple[str, int, int]:
    limit, period = SimpleRateThrottle.parse_rate(None, rate)
    now = int(time.time())
    digest = hashlib.sha256(key.encode()).hexdigest()
    return f"quota:{digest}:{now // period}", limit, period - now % period


def quota_wait(key: str, rate: str) -> int | None:
    """Seconds until `key` may be used again, or None while it is within
    `rate`. Counts nothing."""
    cache_key, limit, wait = _window(key, rate)
    return wait if cache.get(cache_key, 0) >= limit else None


def spend_quota(key: str, rate: str) -> int | None:
    """Counts one use of `key`: None if it was within `rate`, else the seconds
    until the next window."""
    cache_key, limit, wait = _window(key, rate)
    cache.add(cache_key, 0, timeout=wait + 1)
    try:
        used = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.set(cache_key, 1, timeout=wait + 1)
        used = 1
    return wait if used > limit else None
