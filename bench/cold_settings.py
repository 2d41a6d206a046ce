"""The app's settings for the bench's cold requests (bench/run.py): the API
cache finds nothing, every time.

Django's dummy cache for the "api" alias, so that a cached list runs as on a
miss: the data versions read, the page made from its rows, its ETag; only
keeping the bytes is skipped (a set that does nothing). The default cache
(throttles, API keys) stays as the app has it."""

from metropolis.settings import *  # noqa: F403

API_CACHE_MISSES = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}

CACHES = {**CACHES, "api": API_CACHE_MISSES}  # noqa: F405
