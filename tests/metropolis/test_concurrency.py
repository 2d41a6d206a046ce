"""Concurrent API writes on PostgreSQL: when two requests race, exactly one
wins, the other is refused with a 4xx that says why, and the database holds
the winner's data.

Every request runs in its own thread, with its own database connection, and
the threads are released together by a barrier, several rounds in a row. A
barrier leaves the interleaving to chance; the "queued" tests force the worst
one: a lock the test holds stops both requests at the same point (after their
reads, before their writes) until both wait there, then lets them go at once.

SQLite cannot take part: it has no row locks (select_for_update does nothing)
and no exclusion constraints, and its shared in-memory test database refuses
a second writer instead of queueing it.
"""

import datetime
import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from http import HTTPStatus

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from members.models import BoardMandate, MemberCity, RegionalSecretariat
from partners.models import PartnerKey
from tests import factories

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL's row locks and exclusion constraints (see the "
        "module docstring): run with DATABASE_URL=postgres://…",
    ),
]

ROUNDS = 5
# A bound on waiting for threads and locks, so that a bug hangs no test run.
WAIT_SECONDS = 30
D = datetime.date


@pytest.fixture
def write_key() -> str:
    owner = factories.UserFactory(username="partner-owner")
    _, key = PartnerKey.objects.create_key(
        name="racing writer", owner=owner, scope=PartnerKey.Scope.WRITE
    )
    return key


def api_client(key: str) -> Client:
    return Client(headers={"Authorization": f"Api-Key {key}"})


def send(key: str, method: str, url: str, data: dict, **headers):
    """A JSON request, from a client of its own (one per thread)."""
    return getattr(api_client(key), method)(
        url, json.dumps(data), content_type="application/json", headers=headers
    )


def race(*requests: Callable) -> list:
    """Each request in its own thread, all released at once; their responses.

    A thread closes its database connection when done, as a server's worker
    would; an exception in a thread fails the test.
    """
    barrier = threading.Barrier(len(requests))
    responses: list = [None] * len(requests)
    errors: list[BaseException] = []

    def run(index: int, request: Callable) -> None:
        try:
            barrier.wait(timeout=WAIT_SECONDS)
            responses[index] = request()
        except BaseException as exc:  # raised again in the test's thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(index, request))
        for index, request in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT_SECONDS)
    assert not any(thread.is_alive() for thread in threads), "a request hung"
    if errors:
        raise errors[0]
    return responses


def waiting_for_locks() -> int:
    """Connections to the test database waiting for a lock right now."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


@contextmanager
def holding(sql: str):
    """The locks `sql` takes, held by a connection of the test's own until the
    block ends."""
    raw = connection.get_new_connection(connection.get_connection_params())
    try:
        raw.execute("BEGIN")
        raw.execute(sql)
        yield
    finally:
        raw.rollback()
        raw.close()


def race_queued(lock_sql: str, *requests: Callable) -> list:
    """`race()`, with the requests stopped at the lock `lock_sql` takes until
    they all wait there, then let go together."""
    responses: list = []
    with holding(lock_sql):
        racing = threading.Thread(target=lambda: responses.extend(race(*requests)))
        racing.start()
        deadline = time.monotonic() + WAIT_SECONDS
        while waiting_for_locks() < len(requests) and time.monotonic() < deadline:
            time.sleep(0.01)
    racing.join(WAIT_SECONDS)
    assert not racing.is_alive(), "a request hung"
    return responses


def statuses(responses) -> Counter:
    return Counter(response.status_code for response in responses)


# Two updates with the same ETag ---------------------------------------------


@pytest.fixture
def city():
    return factories.MemberCityFactory(name="Guangzhou", slug="guangzhou")


def city_url(city) -> str:
    return reverse("api:membercity-detail", args=[city.slug])


def patch_summary(key: str, city, etag: str, summary: str) -> Callable:
    return lambda: send(
        key, "patch", city_url(city), {"summary": summary}, if_match=etag
    )


def assert_one_updated_and_one_refused(responses, city):
    """One 200, whose value the city holds; one 412 that says to read again."""
    assert statuses(responses) == {HTTPStatus.OK: 1, HTTPStatus.PRECONDITION_FAILED: 1}
    winner = next(r for r in responses if r.status_code == HTTPStatus.OK)
    assert MemberCity.objects.get(pk=city.pk).summary == winner.json()["summary"]
    loser = next(r for r in responses if r.status_code != HTTPStatus.OK)
    assert loser.json()["code"] == "precondition_failed"


def test_two_updates_with_one_etag_one_wins_the_other_gets_412(write_key, city):
    for round_ in range(ROUNDS):
        etag = api_client(write_key).get(city_url(city))["ETag"]
        summaries = [f"Round {round_}, first.", f"Round {round_}, second."]

        responses = race(
            *(patch_summary(write_key, city, etag, text) for text in summaries)
        )

        assert_one_updated_and_one_refused(responses, city)


def test_two_updates_queued_with_one_etag_one_wins_the_other_gets_412(write_key, city):
    for round_ in range(ROUNDS):
        etag = api_client(write_key).get(city_url(city))["ETag"]
        summaries = [f"Round {round_}, first.", f"Round {round_}, second."]

        responses = race_queued(
            f"SELECT 1 FROM members_membercity WHERE id = {city.pk} FOR UPDATE",
            *(patch_summary(write_key, city, etag, text) for text in summaries),
        )

        assert_one_updated_and_one_refused(responses, city)


# Two overlapping periods created at once --------------------------------------


def assert_one_stored_and_one_refused(responses, stored, words: str):
    """One 201, whose row is the only one `stored` holds; one 400 whose message,
    on the start date, names what it conflicts with."""
    assert statuses(responses) == {HTTPStatus.CREATED: 1, HTTPStatus.BAD_REQUEST: 1}
    created = next(r for r in responses if r.status_code == HTTPStatus.CREATED)
    assert list(stored.values_list("pk", flat=True)) == [created.json()["id"]]
    refused = next(r for r in responses if r.status_code == HTTPStatus.BAD_REQUEST)
    errors = refused.json()["errors"]
    assert list(errors) == ["start_date"]
    assert words in errors["start_date"][0]


def post_president(key: str, city, year: int) -> Callable:
    data = {
        "member_slug": city.slug,
        "role": BoardMandate.Role.PRESIDENT,
        "start_date": D(year, 1, 1).isoformat(),
        "end_date": D(year, 12, 31).isoformat(),
    }
    return lambda: send(key, "post", reverse("api:boardmandate-list"), data)


def test_two_overlapping_presidents_at_once_one_is_stored_the_other_400(write_key):
    for round_ in range(ROUNDS):
        cities = factories.MemberCityFactory.create_batch(2)
        year = 2030 + round_

        responses = race(*(post_president(write_key, c, year) for c in cities))

        presidents = BoardMandate.objects.presidents().filter(start_date__year=year)
        assert_one_stored_and_one_refused(responses, presidents, "President")


def test_two_overlapping_presidents_queued_one_is_stored_the_other_400(write_key):
    for round_ in range(ROUNDS):
        cities = factories.MemberCityFactory.create_batch(2)
        year = 2030 + round_

        # SHARE lets reads through and stops writes: both pass clean() first.
        responses = race_queued(
            "LOCK TABLE members_boardmandate IN SHARE MODE",
            *(post_president(write_key, c, year) for c in cities),
        )

        presidents = BoardMandate.objects.presidents().filter(start_date__year=year)
        assert_one_stored_and_one_refused(responses, presidents, "President")


@pytest.fixture
def region():
    return factories.RegionFactory(code="AP", name="Asia-Pacific", slug="asia-pacific")


def post_secretariat(key: str, city, year: int) -> Callable:
    """A three-year term from 1 January of `year`."""
    data = {
        "region_slug": city.region.slug,
        "member_slug": city.slug,
        "start_date": D(year, 1, 1).isoformat(),
        "end_date": D(year + 2, 12, 31).isoformat(),
    }
    return lambda: send(key, "post", reverse("api:regionalsecretariat-list"), data)


def test_two_overlapping_secretariats_at_once_one_is_stored_the_other_400(
    write_key, region
):
    for round_ in range(ROUNDS):
        cities = factories.MemberCityFactory.create_batch(2, region=region)
        year = 2030 + 3 * round_

        responses = race(*(post_secretariat(write_key, c, year) for c in cities))

        terms = RegionalSecretariat.objects.filter(start_date__year=year)
        assert_one_stored_and_one_refused(responses, terms, "secretariat")


def test_two_overlapping_secretariats_queued_one_is_stored_the_other_400(
    write_key, region
):
    for round_ in range(ROUNDS):
        cities = factories.MemberCityFactory.create_batch(2, region=region)
        year = 2030 + 3 * round_

        responses = race_queued(
            "LOCK TABLE members_regionalsecretariat IN SHARE MODE",
            *(post_secretariat(write_key, c, year) for c in cities),
        )

        terms = RegionalSecretariat.objects.filter(start_date__year=year)
        assert_one_stored_and_one_refused(responses, terms, "secretariat")
