"""The API core: rate limits."""

from http import HTTPStatus

import pytest

from tests.metropolis.api.utils import assert_error_body, key_client, member_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_rates(settings):
    settings.API_RATES = {
        "anon": "2/min",
        "read": "3/min",
        "write": "3/min",
        "user": "3/min",
    }


def test_anonymous_callers_past_their_rate_get_429_with_retry_after(
    api, member, low_rates
):
    for _ in range(2):
        assert api.get(member_url(member)).status_code == HTTPStatus.OK

    response = api.get(member_url(member))

    assert_error_body(response, HTTPStatus.TOO_MANY_REQUESTS, "throttled")
    assert 0 < int(response["Retry-After"]) <= 60


def test_a_key_has_its_own_rate(read_key, api, member, low_rates):
    for _ in range(2):
        api.get(member_url(member))
    assert api.get(member_url(member)).status_code == HTTPStatus.TOO_MANY_REQUESTS
    client = key_client(read_key[1])

    statuses = [client.get(member_url(member)).status_code for _ in range(4)]

    assert statuses == [HTTPStatus.OK] * 3 + [HTTPStatus.TOO_MANY_REQUESTS]


def test_write_keys_are_throttled_too(write_key, member, low_rates):
    client = key_client(write_key[1])
    for _ in range(3):
        client.patch(member_url(member), {"summary": "again"})

    response = client.patch(member_url(member), {"summary": "once too many"})

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Retry-After" in response
    member.refresh_from_db()
    assert member.summary == "again"
