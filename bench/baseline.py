"""The benchmark's baselines: the API lists' first pages without Django.

A bare WSGI callable. At /posts/, page 1 of /api/v1/posts/?page_size=100
(bench/baseline_posts.py says what it reads and leaves out). At any other
path, page 1 of /api/v1/members/?page_size=100 (the
same rows in the same order, the same columns, the region's name and the board
roles held today, and the total count) with ONE hand-written SQL query, and
serialises it with the standard json module. Left out: `country_name` (a
dictionary lookup, no SQL) and the `next` link's page arithmetic.

It reads the database from the same variables as the app: DATABASE_URL for
PostgreSQL (psycopg), else DJANGO_SQLITE_PATH (sqlite3). Each worker keeps one
connection, as the app does with CONN_MAX_AGE on PostgreSQL.

Run: gunicorn --chdir bench baseline:application
"""

import datetime
import json
import os
import sqlite3
from zoneinfo import ZoneInfo

from baseline_posts import posts_page  # gunicorn --chdir bench: a top module

PAGE_SIZE = 100
MEGACITY_POPULATION = 10_000_000
MADRID = ZoneInfo("Europe/Madrid")

SQL = """
SELECT m.id, m.name, m.slug, m.country, r.id, r.name, r.slug, m.category,
       m.is_capital, m.population, m.population_year, m.join_year, m.status,
       m.status_changed_on, m.income_band, m.membership_type, m.website,
       m.summary, m.description, m.grp_amount, m.grp_currency, m.grp_year,
       (SELECT {roles}
          FROM members_boardmandate b
         WHERE b.member_id = m.id AND b.start_date <= {p}
           AND (b.end_date IS NULL OR b.end_date >= {p})),
       (SELECT COUNT(*) FROM members_membercity)
  FROM members_membercity m
  JOIN members_region r ON r.id = m.region_id
 ORDER BY m.name
 LIMIT {page_size}
"""

_connection = None


def _connect():
    url = os.environ.get("DATABASE_URL", "")
    if url:
        import psycopg

        sql = SQL.format(roles="string_agg(b.role, ',')", p="%s", page_size=PAGE_SIZE)
        return psycopg.connect(url, autocommit=True), sql
    path = os.environ["DJANGO_SQLITE_PATH"]
    sql = SQL.format(roles="group_concat(b.role, ',')", p="?", page_size=PAGE_SIZE)
    return sqlite3.connect(path, check_same_thread=False), sql


def _iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def _decimal(value):
    return None if value is None else str(value)


def _member(row, base: str) -> dict:
    (id_, name, slug, country, region_id, region_name, region_slug) = row[:7]
    population = row[9]
    return {
        "id": id_,
        "url": f"{base}/api/v1/members/{slug}/",
        "html_url": f"{base}/members/{slug}/",
        "name": name,
        "slug": slug,
        "country": country,
        "region": {
            "id": region_id,
            "name": region_name,
            "url": f"{base}/api/v1/regions/{region_slug}/",
        },
        "category": row[7],
        "is_capital": bool(row[8]),
        "population": population,
        "population_year": row[10],
        "is_megacity": population is not None and population >= MEGACITY_POPULATION,
        "join_year": row[11],
        "status": row[12],
        "status_changed_on": _iso(row[13]),
        "income_band": row[14],
        "membership_type": row[15],
        "website": row[16],
        "summary": row[17],
        "description": row[18],
        "grp_amount": _decimal(row[19]),
        "grp_currency": row[20],
        "grp_year": row[21],
        "current_roles": row[22].split(",") if row[22] else [],
    }


def application(environ, start_response):
    global _connection
    if _connection is None:
        _connection = _connect()
    connection, sql = _connection
    base = f"http://{environ.get('HTTP_HOST', 'localhost')}"
    if environ.get("PATH_INFO") == "/posts/":
        return _answer(start_response, posts_page(connection, base))
    today = datetime.datetime.now(MADRID).date()
    if isinstance(connection, sqlite3.Connection):
        today = today.isoformat()
    rows = connection.execute(sql, (today, today)).fetchall()
    count = rows[0][23] if rows else 0
    page = {
        "count": count,
        "next": f"{base}/api/v1/members/?page=2&page_size={PAGE_SIZE}"
        if count > PAGE_SIZE
        else None,
        "previous": None,
        "results": [_member(row, base) for row in rows],
    }
    return _answer(start_response, page)


def _answer(start_response, page: dict) -> list[bytes]:
    body = json.dumps(
        page,
        # As DRF renders it: compact, UTF-8.
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode()
    start_response(
        "200 OK",
        [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
    )
    return [body]
