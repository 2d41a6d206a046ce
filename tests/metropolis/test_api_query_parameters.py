"""Query parameters of the API's lists: filters take their field's name (the old
name still works), and a parameter no list reads is a 400 listing those it does."""

import datetime
import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from metropolis.api.urls import router
from news.models import NewsPost
from tests import factories

pytestmark = pytest.mark.django_db

LISTS = [basename for _prefix, _viewset, basename in router.registry]
VIEWSETS = {basename: viewset for _prefix, viewset, basename in router.registry}
# Filters on a fact that no field shows, or a day the caller chooses.
COMPUTED_FILTERS = {
    "hosts_secretariat",
    "current_on",
    "secretariat_general",
    "active_on",
    "expiring_within",
    "year",
}
RANGE_SUFFIXES = ("_after", "_before", "_min", "_max")


def list_url(basename: str) -> str:
    return reverse(f"api:{basename}-list")


def errors(response) -> dict:
    assert response.status_code == HTTPStatus.BAD_REQUEST, response.content
    return response.json()["errors"]


def valid_listed(message: str) -> set[str]:
    listed = re.search(r"This list reads: (.*)\.$", message).group(1)
    return set(listed.split(", "))


def slugs(response) -> list[str]:
    assert response.status_code == HTTPStatus.OK, response.content
    return sorted(row["slug"] for row in response.json()["results"])


# -- unknown parameters -----------------------------------------------------------


@pytest.mark.parametrize("basename", LISTS)
def test_an_unknown_parameter_is_400_naming_it(api, basename):
    assert list(errors(api.get(list_url(basename), {"megacty": "true"}))) == ["megacty"]


@pytest.mark.parametrize("basename", LISTS)
def test_the_error_lists_the_parameters_the_list_reads(api, basename):
    message = errors(api.get(list_url(basename), {"nope": "1"}))["nope"][0]
    viewset = VIEWSETS[basename]
    expected = {"format", "ordering", "page_size"}
    filterset = getattr(viewset, "filterset_class", None)
    if filterset is not None:
        expected |= set(filterset.base_filters) | set(filterset.aliases)
    if getattr(viewset, "search_fields", None):
        expected.add("search")
    assert expected <= valid_listed(message)


@pytest.mark.parametrize(
    ("basename", "pagination"),
    [("membercity", "page"), ("region", "page"), ("newspost", "cursor")],
)
def test_the_pagination_parameter_of_each_list_is_valid(api, basename, pagination):
    message = errors(api.get(list_url(basename), {"nope": "1"}))["nope"][0]
    assert pagination in valid_listed(message)


@pytest.mark.parametrize(
    "query",
    [
        {"format": "json"},
        {"page": "1", "page_size": "5"},
        {"ordering": "name"},
        {"search": "guang"},
        {"is_megacity": "true"},
    ],
    ids=lambda query: ",".join(query),
)
def test_the_parameters_a_list_reads_are_accepted(api, query):
    assert api.get(list_url("membercity"), query).status_code == HTTPStatus.OK


def test_search_is_unknown_where_a_list_has_no_search(api, monkeypatch):
    monkeypatch.setattr(VIEWSETS["region"], "search_fields", [])
    assert "search" in errors(api.get(list_url("region"), {"search": "af"}))


def test_an_object_ignores_list_parameters(api):
    city = factories.MemberCityFactory()
    response = api.get(
        reverse("api:membercity-detail", args=[city.slug]), {"nope": "1"}
    )
    assert response.status_code == HTTPStatus.OK


def test_the_site_ignores_a_parameter_it_does_not_read(client):
    response = client.get(reverse("members:member-list"), {"utm_source": "mail"})
    assert response.status_code == HTTPStatus.OK


# -- filters take their field's name ---------------------------------------------


# The resources of the members, alliances and news apps.
DOMAIN_LISTS = [
    basename
    for basename in LISTS
    if VIEWSETS[basename].__module__.split(".")[0] in ("members", "alliances", "news")
]


@pytest.mark.parametrize("basename", DOMAIN_LISTS)
def test_every_filter_is_named_after_a_field_it_filters(basename):
    viewset = VIEWSETS[basename]
    filterset = getattr(viewset, "filterset_class", None)
    if filterset is None:
        return
    fields = set(viewset.serializer_class().fields)
    for name in filterset.base_filters:
        base = next(
            (name.removesuffix(s) for s in RANGE_SUFFIXES if name.endswith(s)), name
        )
        assert base in fields or name in COMPUTED_FILTERS, name


@pytest.fixture
def cities():
    factories.MemberCityFactory(slug="guangzhou", population=22_000_000)
    factories.MemberCityFactory(slug="dakar", population=3_000_000)


@pytest.mark.parametrize("name", ["is_megacity", "megacity"])
def test_member_cities_filter_megacities_by_new_and_old_name(api, cities, name):
    assert slugs(api.get(list_url("membercity"), {name: "true"})) == ["guangzhou"]


def test_a_bad_value_under_the_old_name_is_an_error_naming_it(api, cities):
    assert "megacity" in errors(api.get(list_url("membercity"), {"megacity": "x"}))


def test_old_and_new_name_with_different_values_is_an_error(api, cities):
    response = api.get(
        list_url("membercity"), {"megacity": "true", "is_megacity": "false"}
    )
    assert "is_megacity" in errors(response)


def test_old_and_new_name_with_the_same_value_is_fine(api, cities):
    response = api.get(list_url("membercity"), {"megacity": "1", "is_megacity": "1"})
    assert slugs(response) == ["guangzhou"]


@pytest.mark.parametrize("name", ["current_roles", "board_role"])
def test_member_cities_filter_by_current_board_role(api, name):
    president = factories.BoardMandateFactory(role="president").member
    factories.MemberCityFactory()
    assert slugs(api.get(list_url("membercity"), {name: "president"})) == [
        president.slug
    ]


@pytest.mark.parametrize("name", ["is_current", "current"])
def test_mandates_filter_current_ones_by_new_and_old_name(api, name):
    factories.BoardMandateFactory(end_date=None)
    factories.BoardMandateFactory(
        start_date=datetime.date(2010, 1, 1), end_date=datetime.date(2012, 1, 1)
    )
    response = api.get(list_url("boardmandate"), {name: "true"})
    assert response.status_code == HTTPStatus.OK
    assert [row["is_current"] for row in response.json()["results"]] == [True]


@pytest.mark.parametrize("name", ["end_date_after", "ends_after"])
def test_alliances_filter_by_end_date_by_new_and_old_name(api, name):
    factories.AllianceFactory(
        slug="long", start_date=datetime.date(2021, 1, 1), term_years=10
    )
    factories.AllianceFactory(
        slug="short", start_date=datetime.date(2021, 1, 1), term_years=1
    )
    response = api.get(list_url("alliance"), {name: "2025-01-01"})
    assert slugs(response) == ["long"]


@pytest.mark.parametrize("name", ["related_members", "member"])
def test_posts_filter_by_member_by_new_and_old_name(api, name):
    city = factories.MemberCityFactory(slug="guangzhou")
    about = factories.NewsPostFactory(status=NewsPost.Status.PUBLISHED)
    about.related_members.add(city)
    factories.NewsPostFactory(status=NewsPost.Status.PUBLISHED)
    response = api.get(list_url("newspost"), {name: "guangzhou"})
    assert slugs(response) == [about.slug]


@pytest.mark.parametrize("name", ["is_megacity", "megacity"])
def test_the_site_directory_filters_megacities_by_new_and_old_name(
    client, cities, name
):
    response = client.get(reverse("members:member-list"), {name: "true"})
    assert [city.slug for city in response.context["object_list"]] == ["guangzhou"]


# -- no filter given: no FilterSet built ------------------------------------------


@pytest.mark.parametrize(
    ("basename", "query", "built"),
    [
        ("membercity", {"page_size": 5, "ordering": "name", "search": "x"}, False),
        ("membercity", {"megacity": "true"}, True),
        ("newspost", {"page_size": 5}, False),
        ("newspost", {"category": "none"}, True),
    ],
)
def test_a_filterset_is_built_only_when_a_filter_is_given(
    api, monkeypatch, basename, query, built
):
    """Its form costs time on every list request (django-filter builds one
    per FilterSet); without a filter parameter it would filter nothing."""
    import django_filters.filterset

    made = []
    init = django_filters.filterset.BaseFilterSet.__init__

    def counted(self, *args, **kwargs):
        made.append(type(self))
        init(self, *args, **kwargs)

    monkeypatch.setattr(django_filters.filterset.BaseFilterSet, "__init__", counted)
    api.get(list_url(basename), query)

    assert bool(made) == built
