"""Prepared pages (core.api.prepared): the member list as most callers read it
runs statements compiled once per shape, and answers what the ORM's path
answers, for every persona, page, language and day, whatever was written
since the statements were made."""

import datetime
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.api.pagination import DeferredJoinPagination
from core.api.prepared import PREPARED, Prepared, PreparedPage, Statement
from members.api.views import MemberCityViewSet
from members.models import BoardMandate, MemberCity
from members.services import mandate_save, member_save
from tests import factories
from tests.day_utils import on_day
from tests.metropolis.api.utils import assert_error_body

pytestmark = pytest.mark.django_db

MEMBERS = reverse("api:membercity-list")
PERSONAS = ["anonymous", "read_key", "write_key", "liaison", "other_liaison", "editor"]


@pytest.fixture(autouse=True)
def _nothing_prepared(settings):
    """No statement left by another test, and no page kept in the API cache
    (core.api.cache): every answer here is made afresh."""
    settings.CACHES = {
        **settings.CACHES,
        "api": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    PREPARED.clear()
    yield
    PREPARED.clear()


@pytest.fixture
def cities(member, other_member):
    factories.BoardMandateFactory(member=member, role=BoardMandate.Role.TREASURER)
    factories.MemberCityFactory.create_batch(3)
    factories.MemberCityFactory(country="BR", population=None)


@pytest.fixture
def built(monkeypatch):
    """How many times the member list's queryset was built."""
    calls = []
    get_queryset = MemberCityViewSet.get_queryset

    def counting(view):
        calls.append(view.request.get_full_path())
        return get_queryset(view)

    monkeypatch.setattr(MemberCityViewSet, "get_queryset", counting)
    return calls


def through_the_orm(client, query, **extra):
    """The same request, its page read through the ORM (paginate_queryset)."""
    original = DeferredJoinPagination.prepared_page
    DeferredJoinPagination.prepared_page = lambda self, request, view: None
    try:
        return client.get(MEMBERS, query, **extra)
    finally:
        DeferredJoinPagination.prepared_page = original


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "query",
    [{}, {"page_size": 2}, {"page_size": 2, "page": 2}, {"page_size": 2, "page": 3}],
)
def test_a_prepared_page_is_the_orm_s_page(client_as, cities, persona, query, built):
    client = client_as(persona)

    first = client.get(MEMBERS, query)
    again = client.get(MEMBERS, query)
    expected = through_the_orm(client, query)

    assert first.status_code == HTTPStatus.OK
    assert first.json()["results"]
    assert first.content == again.content == expected.content
    assert first["ETag"] == expected["ETag"]
    assert len(built) == 2  # made once for the shape, then by the ORM's path


@pytest.mark.parametrize("language", ["fr", "es"])
def test_a_prepared_page_speaks_the_caller_s_language(api, cities, language):
    english = api.get(MEMBERS, HTTP_ACCEPT_LANGUAGE="en")
    response = api.get(MEMBERS, HTTP_ACCEPT_LANGUAGE=language)
    expected = through_the_orm(api, {}, HTTP_ACCEPT_LANGUAGE=language)

    assert response.content == expected.content
    assert response.content != english.content
    brazil = {"fr": "Brésil", "es": "Brasil"}[language]
    assert brazil in {row["country_name"] for row in response.json()["results"]}


def test_a_format_suffix_keeps_its_links(api, cities):
    response = api.get("/api/v1/members.json", {"page_size": 2})

    assert response.status_code == HTTPStatus.OK
    assert response.json()["results"][0]["url"].endswith(".json")
    assert response.json()["next"].startswith("http://testserver/api/v1/members.json")


def test_the_second_read_of_a_shape_builds_nothing_and_asks_as_much(api, cities, built):
    with CaptureQueriesContext(connection) as first:
        api.get(MEMBERS, {"page_size": 2})
    with CaptureQueriesContext(connection) as second:
        api.get(MEMBERS, {"page_size": 2})

    assert len(built) == 1
    assert len(second) == len(first)


def test_writes_show_in_the_prepared_page_without_preparing_again(
    api, cities, member, built
):
    before = api.get(MEMBERS, {"page_size": 100}).json()

    member.name = "Canton"
    member_save(member=member, fields=["name"])
    factories.MemberCityFactory(name="Zz New City")
    MemberCity.objects.filter(country="BR").delete()  # a bulk write too
    after = api.get(MEMBERS, {"page_size": 100}).json()

    names = {row["name"] for row in after["results"]}
    assert after["count"] == before["count"]  # one added, one removed
    assert {"Canton", "Zz New City"} <= names
    assert "Guangzhou" not in names
    assert not any(row["country"] == "BR" for row in after["results"])
    assert len(built) == 1


def test_today_s_roles_follow_the_day(api, member, monkeypatch, built):
    today = timezone.localdate()
    mandate_save(
        mandate=BoardMandate(
            member=member,
            role=BoardMandate.Role.VICE_PRESIDENT,
            start_date=today - datetime.timedelta(days=30),
            end_date=today,
        )
    )

    def roles():
        row = api.get(MEMBERS).json()["results"][0]
        return row["current_roles"]

    assert roles() == ["vice_president"]
    on_day(monkeypatch, today + datetime.timedelta(days=1))
    assert roles() == []
    assert len(built) == 2  # the next day is another shape


@pytest.mark.parametrize(
    "query",
    [
        {"search": "guangzhou"},
        {"ordering": "-population"},
        {"status": "active"},
        {"page": "last", "page_size": 2},
    ],
)
def test_any_other_query_is_read_through_the_orm(api, cities, query, built):
    for _ in range(2):
        response = api.get(MEMBERS, query)
        assert response.status_code == HTTPStatus.OK

    assert len(built) == 2
    assert not PREPARED.pages


@pytest.mark.parametrize("page", ["0", "9", "-1", "1.5", "10000", "1" + "0" * 20])
def test_a_page_that_is_not_there_is_a_404_with_its_body(api, cities, page):
    response = api.get(MEMBERS, {"page_size": 2, "page": page})

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert_error_body(response, HTTPStatus.NOT_FOUND)
    assert not PREPARED.pages  # nothing kept for a page that is not there


def test_a_page_size_it_cannot_read_is_a_400_naming_it(api, cities):
    response = api.get(MEMBERS, {"page_size": "many"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "page_size" in response.json()["errors"]


def test_a_page_emptied_since_it_was_prepared_is_a_404(api, cities):
    assert api.get(MEMBERS, {"page_size": 2, "page": 3}).status_code == HTTPStatus.OK
    MemberCity.objects.filter(name__startswith="City").delete()

    response = api.get(MEMBERS, {"page_size": 2, "page": 3})

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert_error_body(response, HTTPStatus.NOT_FOUND)


def test_the_store_keeps_the_most_recently_used_shapes():
    store = Prepared(max_shapes=2)
    pages = [PreparedPage(Statement("default", "", ()), None) for _ in range(3)]
    store.keep(("a",), pages[0])
    store.keep(("b",), pages[1])
    assert store.get(("a",)) is pages[0]  # now the most recent

    store.keep(("c",), pages[2])

    assert store.get(("b",)) is None
    assert store.get(("a",)) is pages[0]
    assert store.get(("c",)) is pages[2]
