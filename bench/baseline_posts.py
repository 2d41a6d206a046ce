"""The benchmark's posts baseline: the API post list's first page without Django.

Page 1 of /api/v1/posts/?page_size=100 as a `read` key sees it, in English:
the public posts (published, their time come), newest first (publish time,
then id, both descending: the API's keyset order, core/keyset.py), each with
its category, its proposing city, its related cities (by name, then id) and
the alliances a key may read (not a draft on the Madrid day; by English
title, then id), read with ONE hand-written SQL query (the related lists by
correlated subqueries aggregated as JSON) and shown as NewsPostSerializer
shows them: the same keys in the same order, the same values, the `next`
link with the same cursor (base64 of the last row's order values), no count.
tests/bench/test_baseline_posts.py compares it with the API on both
databases.

Left out: modeltranslation's fallback (a text empty in English is not
replaced by its French or Spanish one: the `_en` columns only), DRF's
escaping of U+2028 and U+2029, and the script prefix (the site at the root).
The lead image's URLs repeat core/images.py's names (MEDIA_URL's images
folder, the widths), as the member baseline repeats the megacity threshold.
"""

import base64
import datetime
import json
import re
import sqlite3
from zoneinfo import ZoneInfo

PAGE_SIZE = 100
MADRID = ZoneInfo("Europe/Madrid")
UTC = datetime.UTC
IMAGES = "/media/images/"
IMAGE_WIDTHS = (320, 640, 1280)
IMAGE_VALUE = re.compile(r"^([0-9a-f]{32}):([0-9]{1,4})x([0-9]{1,5})$")
ORDER = ["-published_at", "-id"]

# A text with no English column (NULL, as bulk data leaves the lead image's)
# shows as "", as the API shows a text missing in every language.
SQL = """
SELECT p.id, COALESCE(p.title_en, ''), p.slug,
       c.id, COALESCE(c.name_en, ''), c.slug,
       COALESCE(p.summary_en, ''), COALESCE(p.body_en, ''),
       COALESCE(p.body_html_en, ''), p.status, p.published_at,
       pb.id, pb.name, pb.slug,
       (SELECT {members}
          FROM news_newspost_related_members r
          JOIN members_membercity m ON m.id = r.membercity_id
         WHERE r.newspost_id = p.id),
       (SELECT {alliances}
          FROM news_newspost_related_alliances r
          JOIN alliances_alliance a ON a.id = r.alliance_id
         WHERE r.newspost_id = p.id
           AND (a.terminated_on <= {day}
                OR (a.signed_on IS NOT NULL AND a.start_date IS NOT NULL))),
       p.lead_image, COALESCE(p.lead_image_alt_en, ''),
       COALESCE(p.lead_image_caption_en, ''),
       p.created_at, p.updated_at
  FROM news_newspost p
  JOIN news_category c ON c.id = p.category_id
  LEFT JOIN members_membercity pb ON pb.id = p.proposed_by_id
 WHERE p.status = 'published' AND p.published_at <= {now}
 ORDER BY p.published_at DESC, p.id DESC
 LIMIT {limit}
"""
# PostgreSQL orders inside the aggregate; SQLite 3.40 cannot, so its lists
# are sorted once read (by the same keys: BINARY is code point order).
POSTGRES_SQL = SQL.format(
    members="json_agg(json_build_array(m.id, m.name, m.slug)"
    " ORDER BY m.name, m.id)::text",
    alliances="json_agg(json_build_array(a.id, COALESCE(a.title_en, ''), a.slug)"
    " ORDER BY a.title_en, a.id)::text",
    day="%(day)s",
    now="%(now)s",
    limit="%(limit)s",
)
SQLITE_SQL = SQL.format(
    members="json_group_array(json_array(m.id, m.name, m.slug))",
    alliances="json_group_array(json_array(a.id, COALESCE(a.title_en, ''), a.slug))",
    day=":day",
    now=":now",
    limit=":limit",
)


def _related(value, sort: bool) -> list:
    rows = json.loads(value) if value else []
    if sort:
        rows.sort(key=lambda row: (row[1], row[0]))
    return rows


def _datetime(value) -> datetime.datetime:
    """A stored time as an aware UTC datetime: psycopg gives one; SQLite
    stores UTC as text (a datetime if the connection converts it)."""
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _moment(value: datetime.datetime) -> str:
    """As DRF's DateTimeField shows it: in the site's time zone."""
    shown = value.astimezone(MADRID).isoformat()
    return shown[:-6] + "Z" if shown.endswith("+00:00") else shown


def _image(value: str, base: str) -> dict | None:
    """core.images.image_info() for a stored "<key>:<width>x<height>"."""
    match = IMAGE_VALUE.match(value or "")
    if not match:
        return None
    key, width, height = match[1], int(match[2]), int(match[3])
    widths = sorted({min(w, width) for w in IMAGE_WIDTHS})
    return {
        "url": f"{base}{IMAGES}{key}-{width}.jpg",
        "width": width,
        "height": height,
        "srcset": ", ".join(f"{base}{IMAGES}{key}-{w}.webp {w}w" for w in widths),
    }


def _summary(id_, name, slug, base: str, route: str) -> dict:
    return {"id": id_, "name": name, "url": f"{base}/api/v1/{route}/{slug}/"}


def _post(row, base: str, sort: bool) -> dict:
    (id_, title, slug, category_id, category_name, category_slug) = row[:6]
    published_at = _datetime(row[10])
    return {
        "id": id_,
        "url": f"{base}/api/v1/posts/{slug}/",
        "html_url": f"{base}/news/{slug}/",
        "title": title,
        "slug": slug,
        "category": _summary(
            category_id, category_name, category_slug, base, "categories"
        ),
        "summary": row[6],
        "body": row[7],
        "body_html": row[8],
        "status": row[9],
        "published_at": _moment(published_at),
        "is_public": True,  # the query reads public posts only
        "proposed_by": None
        if row[11] is None
        else _summary(*row[11:14], base, "members"),
        "related_members": [
            _summary(*member, base, "members") for member in _related(row[14], sort)
        ],
        "related_alliances": [
            _summary(*alliance, base, "alliances")
            for alliance in _related(row[15], sort)
        ],
        "lead_image": _image(row[16], base),
        "lead_image_alt": row[17],
        "lead_image_caption": row[18],
        "created_at": _moment(_datetime(row[19])),
        "updated_at": _moment(_datetime(row[20])),
    }


def _cursor(row) -> str:
    """core.keyset's cursor to the rows after `row`, in the list's order."""
    values = [_datetime(row[10]).isoformat(), row[0]]
    text = json.dumps({"o": ORDER, "v": values}, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def posts_page(connection, base: str, page_size: int = PAGE_SIZE) -> dict:
    """The page for `base` ("http://host"), read through `connection`
    (psycopg or sqlite3)."""
    now = datetime.datetime.now(UTC)
    day = now.astimezone(MADRID).date()
    sqlite = isinstance(connection, sqlite3.Connection)
    params = {"now": now, "day": day, "limit": page_size + 1}
    if sqlite:
        # As Django stores them: UTC as text, dates in ISO.
        params |= {"now": str(now.replace(tzinfo=None)), "day": day.isoformat()}
    rows = connection.execute(SQLITE_SQL if sqlite else POSTGRES_SQL, params).fetchall()
    more = len(rows) > page_size
    rows = rows[:page_size]
    return {
        # As DRF's replace_query_param() writes it: parameters sorted.
        "next": f"{base}/api/v1/posts/?cursor={_cursor(rows[-1])}&page_size={page_size}"
        if more
        else None,
        "previous": None,
        "results": [_post(row, base, sqlite) for row in rows],
    }
