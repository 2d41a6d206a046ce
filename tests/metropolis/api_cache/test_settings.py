"""Where the API cache keeps its pages: DJANGO_CACHE_BACKEND, as a production
process reads it."""

import json

from tests.metropolis.test_production import run

SHOW = (
    "import json, metropolis.settings as s; "
    "print(json.dumps({alias: c['BACKEND'] for alias, c in s.CACHES.items()}))"
)


def backends(**env) -> dict:
    result = run(["-c", SHOW], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_pages_are_kept_in_each_process_by_default():
    assert backends()["api"] == "django.core.cache.backends.locmem.LocMemCache"


def test_pages_are_shared_through_the_database_cache():
    assert backends(DJANGO_CACHE_BACKEND="database")["api"] == (
        "django.core.cache.backends.db.DatabaseCache"
    )


def test_pages_and_rate_limits_are_shared_through_redis():
    assert set(
        backends(
            DJANGO_CACHE_BACKEND="redis", DJANGO_REDIS_URL="redis://cache:6379/0"
        ).values()
    ) == {"django.core.cache.backends.redis.RedisCache"}


def test_redis_without_its_address_stops_the_start_naming_the_variable():
    result = run(["-c", SHOW], DJANGO_CACHE_BACKEND="redis")

    assert result.returncode != 0
    assert "DJANGO_REDIS_URL" in result.stderr
