"""Bad values in query parameters: the site's lists, the API's lists."""

import json
from http import HTTPStatus

import django_filters
import pytest
from django.urls import get_resolver, resolve, reverse
from django_filters.views import FilterView

from metropolis.api.urls import router
from tests.hostile.bad_values.utils import QUERY, QUERY_KINDS, RESOURCES
from tests.hostile.inert import assert_json

pytestmark = pytest.mark.django_db


def filter_must_refuse(filter_, kind: str) -> bool:
    """Whether a filter has to refuse a QUERY_VALUES value of `kind`: every
    filter but a free-text one, and a number filter without bounds given a
    whole number (it just matches nothing)."""
    if type(filter_) is django_filters.CharFilter:
        return False
    if isinstance(filter_, django_filters.NumberFilter) and kind in (
        "negative",
        "huge",
    ):
        field = filter_.field
        return field.min_value is not None or field.max_value is not None
    return True


def site_filtered_lists():
    """The site's list pages that filter with a FilterSet."""
    for name in ("members:member-list", "alliances:alliance-list", "news:post-list"):
        yield name
    for pattern in get_resolver().url_patterns:
        for sub in getattr(pattern, "url_patterns", []):
            view = getattr(getattr(sub, "callback", None), "view_class", None)
            if view is not None and issubclass(view, FilterView):
                name = f"{pattern.namespace}:{sub.name}"
                assert name in SITE_FILTER_PAGES, f"{name}: add it to the list"


SITE_FILTER_PAGES = [
    "members:member-list",
    "alliances:alliance-list",
    "news:post-list",
    "publicdata:member-map",
]


def test_every_filtered_site_list_is_checked():
    list(site_filtered_lists())


@pytest.mark.parametrize("kind", QUERY_KINDS)
@pytest.mark.parametrize("name", SITE_FILTER_PAGES)
def test_site_lists_show_bad_filter_values_as_form_errors(client, world, name, kind):
    view = resolve(reverse(name)).func.view_class
    filters = view.filterset_class.base_filters

    response = client.get(reverse(name), dict.fromkeys(filters, QUERY[kind]))

    assert response.status_code == HTTPStatus.OK
    errors = response.context["filter"].errors
    for param, filter_ in filters.items():
        if filter_must_refuse(filter_, kind):
            assert param in errors, f"{param} took {kind}"
    assert "field-errors" in response.content.decode() or not errors


SITE_PAGINATED = [
    "members:member-list",
    "alliances:alliance-list",
    "alliances:plan-list",
    "news:post-list",
    "news:category",
    "portal:proposal-list",
    "portal:contacts",
]


@pytest.mark.parametrize("kind", QUERY_KINDS)
def test_site_pages_refuse_bad_page_numbers(client, world, kind):
    client.force_login(world.liaison)
    for name in SITE_PAGINATED:
        kwargs = {"slug": world.category.slug} if name == "news:category" else {}

        response = client.get(reverse(name, kwargs=kwargs), {"page": QUERY[kind]})

        assert response.status_code in (HTTPStatus.OK, HTTPStatus.NOT_FOUND), name


COMMON_PARAMS = ["search", "ordering", "page", "page_size"]


@pytest.mark.parametrize("kind", QUERY_KINDS)
@pytest.mark.parametrize(("viewset", "basename"), RESOURCES)
def test_api_lists_refuse_bad_filter_values(client, world, viewset, basename, kind):
    url = reverse(f"api:{basename}-list")
    filterset = getattr(viewset, "filterset_class", None)
    filters = filterset.base_filters if filterset else {}
    if filters:
        response = client.get(url, dict.fromkeys(filters, QUERY[kind]))

        refused = [p for p, f in filters.items() if filter_must_refuse(f, kind)]
        assert_json(response)
        if refused:
            assert response.status_code == HTTPStatus.BAD_REQUEST
            errors = json.loads(response.content)["errors"]
            assert sorted(errors) == sorted(refused)
        else:
            assert response.status_code == HTTPStatus.OK
    # One of the parameters every list takes, a different one each time.
    index = QUERY_KINDS.index(kind) + [b for _p, _v, b in router.registry].index(
        basename
    )
    param = COMMON_PARAMS[index % len(COMMON_PARAMS)]

    response = client.get(url, {param: QUERY[kind]})

    assert response.status_code in (
        HTTPStatus.OK,
        HTTPStatus.BAD_REQUEST,
        HTTPStatus.NOT_FOUND,
    ), param
    body = assert_json(response)
    if response.status_code == HTTPStatus.BAD_REQUEST:
        assert param in body["errors"]
