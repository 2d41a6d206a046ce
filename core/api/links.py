"""One route's URLs for a page of rows, from one reverse() per page.

A hot list (members.api.rows, news.api.rows) shows an API URL and a public
page for each row. reverse() for each row was over half of such a page made
afresh (the resolver's substitution and check of the pattern, the language's
look-ups, build_absolute_uri). Here a route's list is reversed once per page,
with the request, and each object's URL is that list's URL joined with the
object's key by the rule its route is declared with:

- DRF's routers: a detail route is the list's `{prefix}/` then
  `{lookup}{trailing_slash}`; its format-suffix twin ends `{lookup}.{format}`
  (rest_framework.routers.SimpleRouter.routes, format_suffix_patterns);
- the site's pages given to page_links(): `<slug:slug>/` right under their
  list's path (members/urls.py, news/urls.py).

The key is quoted as reverse() quotes it, and a `?format=` the request was
given is kept, as DRF's reverse() keeps it. tests/metropolis/api/test_links.py
compares every router route with a lookup and both pages with reverse(), for every
object of the demo, in every language.
"""

import re
from urllib.parse import quote

from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS
from rest_framework.reverse import preserve_builtin_query_params
from rest_framework.settings import api_settings

# What reverse() leaves unquoted (django.urls.resolvers, RFC 3986's pchar).
SAFE = RFC3986_SUBDELIMS + "/~:@"
# A key quote() would leave as it is (every slug): no need to call it, which
# was a third of a member list's rows made afresh.
UNQUOTED = re.compile(r"[-A-Za-z0-9_.]+")


class Links:
    """`links(key)`: the absolute URL of one route's object `key`."""

    __slots__ = ("end", "request", "start")

    def __init__(self, start: str, end: str, request=None):
        self.start = start  # the list's absolute URL
        self.end = end
        self.request = request  # set when a query parameter is to be kept

    def __call__(self, key) -> str:
        key = str(key)
        if not UNQUOTED.fullmatch(key):
            key = quote(key, safe=SAFE)
        url = f"{self.start}{key}{self.end}"
        if self.request is None:
            return url
        return preserve_builtin_query_params(url, self.request)


def api_links(basename: str, *, request, format: str | None = None) -> Links:
    """The URLs of the API's `basename` objects (route `api:<basename>-detail`)
    as rest_framework.reverse.reverse() writes them for `request`: absolute,
    with the format suffix `format`. The API has no versioning scheme (its
    version is its path, /api/v1/)."""
    start = request.build_absolute_uri(reverse(f"api:{basename}-list"))
    end = "/" if format is None else f".{format}"
    kept = api_settings.URL_FORMAT_OVERRIDE in request.GET
    return Links(start, end, request if kept else None)


def page_links(list_name: str, *, request) -> Links:
    """The absolute URLs of the site's pages `<slug>/` under the page
    `list_name`, in the active language (/fr/…, /es/…)."""
    return Links(request.build_absolute_uri(reverse(list_name)), "/")
