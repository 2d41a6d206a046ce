"""Where the data lives, from the environment (imported by metropolis.settings):
the database (PostgreSQL from DATABASE_URL, else the SQLite file
DJANGO_SQLITE_PATH, db.sqlite3 beside manage.py) with its timeouts and, on
PostgreSQL, prepared statements; the caches; the apps whose tables carry a
data version."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from metropolis.env import envbool, envint

BASE_DIR = Path(__file__).resolve().parent.parent

_database_url = os.environ.get("DATABASE_URL", "")
if _database_url:
    try:
        _database = dj_database_url.parse(
            _database_url, conn_max_age=envint("DJANGO_CONN_MAX_AGE", 60)
        )
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a valid URL: {exc}") from None
    _database["CONN_HEALTH_CHECKS"] = True
else:
    _database = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("DJANGO_SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
    }
# A database that does not answer holds no worker for long: connecting gives
# up after DJANGO_DB_CONNECT_TIMEOUT seconds (SQLite: waiting for a lock), a
# statement after DJANGO_DB_STATEMENT_TIMEOUT (PostgreSQL; 0: no limit, for a
# long maintenance command), and the request answers 503 with Retry-After.
DB_CONNECT_TIMEOUT = envint("DJANGO_DB_CONNECT_TIMEOUT", 5)
DB_STATEMENT_TIMEOUT = envint("DJANGO_DB_STATEMENT_TIMEOUT", 15)
if DB_CONNECT_TIMEOUT < 1 or DB_STATEMENT_TIMEOUT < 0:
    raise ImproperlyConfigured(
        "DJANGO_DB_CONNECT_TIMEOUT must be 1 or more (seconds), "
        "DJANGO_DB_STATEMENT_TIMEOUT 0 or more"
    )
if _database["ENGINE"] == "django.db.backends.postgresql":
    _database.setdefault("OPTIONS", {})["connect_timeout"] = DB_CONNECT_TIMEOUT
    _database["OPTIONS"]["options"] = (
        f"-c statement_timeout={DB_STATEMENT_TIMEOUT * 1000}"
    )
    # Parameters bound by the server, and a statement run five times on a
    # connection kept prepared (psycopg's threshold): PostgreSQL then plans
    # it once, not at every request (planning a list's queries cost more
    # than running them). DJANGO_DB_PREPARED=0 for a pooler that cannot.
    if envbool("DJANGO_DB_PREPARED", True):
        _database["OPTIONS"] |= {"server_side_binding": True, "prepare_threshold": 5}
elif _database["ENGINE"] == "django.db.backends.sqlite3":
    _database.setdefault("OPTIONS", {})["timeout"] = DB_CONNECT_TIMEOUT
DATABASES = {"default": _database}

# The "default" cache holds the API's rate-limit counters; "api" the API's
# finished list pages (core.api.cache), apart so that pages never push
# counters out. "locmem" keeps them in each process; "database" shares them
# between processes and app servers, in the tables that `manage.py
# createcachetable` creates; "redis" in a Redis or Valkey server
# (DJANGO_REDIS_URL; the `redis` extra installs its client).
_cache_backend = os.environ.get("DJANGO_CACHE_BACKEND", "locmem").strip().lower()
_REDIS_URL = os.environ.get("DJANGO_REDIS_URL", "").strip()


def _cache(name: str) -> dict:
    if _cache_backend == "locmem":
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": name,
            # A page of 100 posts is 300 kB: at most 30 MB of them per worker.
            "OPTIONS": {"MAX_ENTRIES": 100 if name == "api" else 300},
        }
    if _cache_backend == "database":
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache" if name == "default" else f"django_{name}_cache",
        }
    if _cache_backend == "redis":
        if not _REDIS_URL:
            raise ImproperlyConfigured(
                "DJANGO_REDIS_URL must name the server (redis://host:6379/0) "
                "when DJANGO_CACHE_BACKEND is redis"
            )
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _REDIS_URL,
            "KEY_PREFIX": name,
        }
    raise ImproperlyConfigured(
        "DJANGO_CACHE_BACKEND must be one of locmem, database, redis, "
        f"not {_cache_backend!r}"
    )


CACHES = {"default": _cache("default"), "api": _cache("api")}
# The apps whose tables carry a data version (core.versions): those that the
# cached API lists read, the users included (a post's author), and the API
# keys, which partners.keys keeps in the cache while their versions hold; and
# the dues, whose totals and counts the invoices' changelist keeps.
DATA_VERSIONED_APPS = ["auth", "members", "alliances", "news", "partners", "dues"]
