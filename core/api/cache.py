"""API list pages answered from their finished bytes, never stale.

`@cached_list` on a viewset's `list()` keeps the JSON it answered in Django's
"api" cache, under a key of everything the bytes depend on besides the data:
the URL (scheme, host, path, the query with its parameters in the order DRF
writes links), the media type, what the caller may see (`etag_scope()`), the
language and the Madrid day. The data is checked, not keyed: the entry holds
the version (core.versions) of every table the list's SQL named when it was
made, read before those queries ran; a later request serves the entry only
while one query finds every one of those versions unchanged, and until the
view's `cached_list_until()` (a moment the answer changes without a write,
e.g. a post's publication time). A write commits its tables' new versions with
its rows, so an entry outlives no write it would show.

A list whose SQL names a table without a version is answered afresh every
time, as are every answer but a 200 in JSON and every database but SQLite and
PostgreSQL. A hit costs the version read after authentication, permissions
and throttling; `If-None-Match` naming the entry's ETag gets a 304.
"""

import datetime
import functools
import re
from urllib.parse import parse_qs, urlencode

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpResponse, HttpResponseNotModified
from django.template.response import SimpleTemplateResponse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language

from core.api.conditional import none_match
from core.versions import TABLE, VENDORS, read_versions

CACHE_ALIAS = "api"
ETAG_SALT = "core.api.cache.etag"
KEY_SALT = "core.api.cache.key"
WORD = re.compile(r"\w+")


def cached_list(list_method):
    """Answer this `list()` from the "api" cache when nothing it shows has
    changed (see the module's docstring)."""

    @functools.wraps(list_method)
    def wrapper(view, request, *args, **kwargs):
        page = CachedPage(view, request)
        if not page.usable():
            return list_method(view, request, *args, **kwargs)
        # Versions first, then what may change without a write, then the
        # rows: the entry is never newer than the versions it is checked by.
        versions = read_versions(page.using)
        hit = page.hit(versions)
        if hit is not None:
            return hit
        until = view.cached_list_until()
        # The whole answer, to keep, even for a request naming its ETag: a
        # 304 made by the view would leave nothing to keep, and the next
        # such request would make the page again (store() answers the 304).
        view.answers_not_modified = False
        with page.recording():
            response = list_method(view, request, *args, **kwargs)
        store = functools.partial(page.store, versions, until)
        if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
            response.add_post_render_callback(store)
            return response
        return store(response) or response

    return wrapper


def page_timeout(until: datetime.datetime | None, now: datetime.datetime) -> int:
    """Seconds to keep an entry: to `until`, at most to the end of the day
    (the next day's key is another)."""
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    end = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time()))
    if until is not None:
        end = min(end, until)
    return max(1, int((end - now).total_seconds()) + 1)


@functools.cache
def model_tables() -> frozenset[str]:
    """Every model's table: the names to look for in a list's SQL."""
    return frozenset(
        model._meta.db_table for model in apps.get_models(include_auto_created=True)
    )


def tables_named(sql: str) -> set[str]:
    return {word for word in WORD.findall(sql) if word in model_tables()}


class CachedPage:
    """One list request's entry in the cache: its key, whether it has one,
    and what its answer read."""

    def __init__(self, view, request):
        self.view = view
        self.request = request
        self.using = DEFAULT_DB_ALIAS
        self.tables: set[str] = set()

    def usable(self) -> bool:
        return (
            CACHE_ALIAS in settings.CACHES
            and connections[self.using].vendor in VENDORS
            and self.request.method in ("GET", "HEAD")
            and self.request.accepted_renderer.format == "json"
        )

    @functools.cached_property
    def scope(self) -> str:
        return self.view.etag_scope()

    @functools.cached_property
    def key(self) -> str:
        request = self.request
        query = parse_qs(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
        parts = (
            request.build_absolute_uri(request.path),
            urlencode(sorted(query.items()), doseq=True),
            request.accepted_media_type,
            self.scope,
            get_language() or "",
            self.view.today.isoformat(),
        )
        # Keyed with the server's secret, as the ETags it holds are: after the
        # secret changes, no entry made with the old one is found.
        digest = salted_hmac(KEY_SALT, "\x1f".join(parts), algorithm="sha256")
        return f"list:{digest.hexdigest()}"

    def hit(self, versions: dict[str, int]) -> HttpResponse | None:
        entry = caches[CACHE_ALIAS].get(self.key)
        if entry is None:
            return None
        read, until, content, headers = entry
        if until is not None and timezone.now() >= until:
            return None
        if any(versions.get(table) != version for table, version in read.items()):
            return None
        etag = dict(headers)["ETag"]
        if none_match(self.request.headers.get("If-None-Match"), etag):
            response = HttpResponseNotModified()
            response["ETag"] = etag
            return response
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        return response

    def recording(self):
        """Notes the tables that the SQL run meanwhile names."""

        def record(execute, sql, params, many, context):
            self.tables |= tables_named(sql)
            return execute(sql, params, many, context)

        return connections[self.using].execute_wrapper(record)

    def store(self, versions: dict[str, int], until, response):
        """After rendering: keep the bytes if every table read has a version;
        the ETag, and the 304 for a matching If-None-Match, either way."""
        if response.status_code != 200:
            return None
        if "ETag" not in response:
            # The language too: a list in French is another entity than the
            # same list in English, even while their bytes are the same.
            prefix = f"{self.scope}\x1f{get_language() or ''}\x1f"
            body = prefix.encode() + response.content
            digest = salted_hmac(ETAG_SALT, body, algorithm="sha256").hexdigest()
            response["ETag"] = f'"{self.scope}-{digest[:32]}"'
        self.tables.discard(TABLE)
        if self.tables <= versions.keys():
            caches[CACHE_ALIAS].set(
                self.key,
                (
                    {table: versions[table] for table in self.tables},
                    until,
                    response.content,
                    list(response.items()),
                ),
                page_timeout(until, timezone.now()),
            )
        if none_match(self.request.headers.get("If-None-Match"), response["ETag"]):
            not_modified = HttpResponseNotModified()
            not_modified["ETag"] = response["ETag"]
            return not_modified
        return None
