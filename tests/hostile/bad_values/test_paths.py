"""Bad values in path parameters, feeds and the admin's changelists."""

from http import HTTPStatus
from urllib.parse import quote
from xml.etree import ElementTree

import pytest
from django.contrib import admin
from django.urls import get_resolver, reverse

from tests import factories
from tests.hostile import payloads
from tests.hostile.bad_values.utils import QUERY, QUERY_KINDS, rotated
from tests.hostile.inert import assert_json

pytestmark = pytest.mark.django_db

PATH_VALUES = {
    "nul": "nul%00byte",
    "huge": "1" + "0" * 20,
    "negative": "-1",
    "long": "x" * 10_000,
    "traversal": "..%2F..%2Fetc%2Fpasswd",
    "xss": quote(payloads.CORE, safe=""),
    "rtl": quote("\u202eabc"),
    "sql": quote("1' OR 1=1 --", safe=""),
}
ROTATING = ["negative", "long", "traversal", "xss", "rtl", "sql"]


def url_formats(resolver=None, prefix="", namespace=""):
    """(name, path format, parameters) of every URL that takes parameters."""
    resolver = resolver or get_resolver()
    for key, entries in resolver.reverse_dict.lists():
        if not isinstance(key, str):
            continue
        for possibilities, _pattern, _defaults, _converters in entries:
            for path_format, params in possibilities:
                if params:
                    yield namespace + key, prefix + path_format, tuple(params)
    for name, (sub_prefix, sub) in resolver.namespace_dict.items():
        yield from url_formats(sub, prefix + sub_prefix, f"{namespace}{name}:")


PATHS = sorted(set(url_formats()))


@pytest.mark.parametrize(
    ("name", "path_format", "params"),
    [
        pytest.param(name, path_format, params, id=path_format)
        for name, path_format, params in PATHS
    ],
)
def test_path_parameters_refuse_bad_values(client, world, name, path_format, params):
    if path_format.startswith("admin/"):
        client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    elif path_format.startswith("portal/"):
        client.force_login(world.liaison)
    rotating = ROTATING[PATHS.index((name, path_format, params)) % len(ROTATING)]
    for kind in ("nul", "huge", rotating):
        path = "/" + path_format % dict.fromkeys(params, PATH_VALUES[kind])

        response = client.get(path)

        assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR, (kind, path)
        if path.startswith("/api/") and response.status_code == HTTPStatus.NOT_FOUND:
            assert_json(response)


def test_control_characters_in_a_post_keep_its_feeds_well_formed(client, world):
    client.force_login(world.editor)
    category = client.post(
        reverse("api:category-list"),
        {"name": f"Category {payloads.CONTROL}", "slug": "control"},
        content_type="application/json",
    )
    post = client.post(
        reverse("api:newspost-list"),
        {
            "title": f"Title {payloads.CONTROL}",
            "slug": "control",
            "category_slug": "control",
            "body": f"Body {payloads.CONTROL}",
            "status": "published",
            "published_at": "2021-08-02T10:00:00Z",
        },
        content_type="application/json",
    )
    assert (category.status_code, post.status_code) == (
        HTTPStatus.CREATED,
        HTTPStatus.CREATED,
    )

    for url in (reverse("news:feed"), reverse("news:category-feed", args=["control"])):
        response = client.get(url)

        assert response.status_code == HTTPStatus.OK
        feed = ElementTree.fromstring(response.content)
        titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
        assert "Title bellescape[31m" in titles


ADMIN_ROUNDS = 2


@pytest.mark.parametrize("round_", range(ADMIN_ROUNDS))
@pytest.mark.parametrize(
    "model",
    list(admin.site._registry),
    ids=[model._meta.model_name for model in admin.site._registry],
)
def test_admin_changelists_refuse_bad_query_values(client, world, model, round_):
    """Search, sorting, paging, every list filter and the date drill-down."""
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    changelist = client.get(url).context["cl"]
    params = {"q", "o", "p"}
    for spec in changelist.filter_specs:
        params.update(spec.expected_parameters())
    if changelist.date_hierarchy:
        field = changelist.date_hierarchy
        params.update({f"{field}__year", f"{field}__month", f"{field}__day"})
    query = {
        param: QUERY[rotated(round_, ADMIN_ROUNDS, index, QUERY_KINDS)]
        for index, param in enumerate(sorted(params))
    }

    response = client.get(url, query)

    assert response.status_code in (HTTPStatus.OK, HTTPStatus.FOUND), query
