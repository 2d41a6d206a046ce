"""Two workers given the same delivery at once (PostgreSQL): one claims it and
sends it, the other does nothing. SQLite has no concurrent writers."""

import pytest
from django.db import connection

from tests.dues.test_race import race
from webhooks.delivery import attempt
from webhooks.models import WebhookDelivery
from webhooks.services import endpoint_send_test

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: two connections writing at once",
    ),
]


@pytest.mark.parametrize("round_", range(3))
def test_two_workers_deliver_a_message_once(receiver, read_key, endpoint_of, round_):
    delivery = endpoint_send_test(endpoint=endpoint_of(read_key, receiver.url))

    results = race(lambda: attempt(delivery.pk), lambda: attempt(delivery.pk))

    assert sorted(map(str, results)) == ["delivered", "not due"]
    assert len(receiver.requests) == 1
    delivery.refresh_from_db()
    assert delivery.attempts == 1
    assert delivery.status == WebhookDelivery.Status.DELIVERED
