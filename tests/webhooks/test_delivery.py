"""Delivery by the worker: signed, retried with growing delays, disabled after
repeated failure with an e-mail to the key's owner; redirects not followed."""

import datetime
import io

import pytest
from django.utils import timezone
from standardwebhooks import Webhook

from notifications.models import Message
from webhooks import delivery as sending
from webhooks.delivery import MAX_ATTEMPTS, RETRY_DELAYS, attempt
from webhooks.models import WebhookDelivery
from webhooks.services import endpoint_send_test
from webhooks.transport import RESPONSE_LIMIT

pytestmark = pytest.mark.django_db

Status = WebhookDelivery.Status


def queued_delivery(endpoint):
    return endpoint_send_test(endpoint=endpoint)


def test_the_receiver_verifies_the_signature_with_the_reference_library(
    receiver, read_key, endpoint_of
):
    endpoint = endpoint_of(read_key, receiver.url)
    delivery = queued_delivery(endpoint)

    assert attempt(delivery.pk) == Status.DELIVERED

    ((path, headers, body),) = receiver.requests
    assert path == "/hooks/metropolis"
    verified = Webhook(endpoint.secret).verify(body, headers)
    assert verified["type"] == "webhook.test"
    assert headers["webhook-id"] == delivery.msg_id
    delivery.refresh_from_db()
    assert delivery.status == Status.DELIVERED
    assert delivery.response_status == 200
    assert delivery.response_ms is not None
    assert delivery.attempts == 1


def test_another_secret_does_not_verify(receiver, read_key, endpoint_of):
    from standardwebhooks.webhooks import WebhookVerificationError

    endpoint = endpoint_of(read_key, receiver.url)
    other = endpoint_of(read_key, receiver.url)
    attempt(queued_delivery(endpoint).pk)

    ((_, headers, body),) = receiver.requests
    with pytest.raises(WebhookVerificationError):
        Webhook(other.secret).verify(body, headers)


def test_a_delivered_message_is_not_sent_again(receiver, read_key, endpoint_of):
    delivery = queued_delivery(endpoint_of(read_key, receiver.url))

    attempt(delivery.pk)
    assert attempt(delivery.pk) == "not due"

    assert len(receiver.requests) == 1


def test_a_failing_receiver_gets_retries_with_growing_delays(
    receiver, read_key, endpoint_of, django_capture_on_commit_callbacks
):
    receiver.status = 500
    delivery = queued_delivery(endpoint_of(read_key, receiver.url))
    waits = []
    for _ in RETRY_DELAYS:
        before = timezone.now()
        assert attempt(delivery.pk) == Status.PENDING
        delivery.refresh_from_db()
        waits.append(delivery.next_attempt_at - before)
        # The next attempt is due once its wait has passed.
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            next_attempt_at=timezone.now()
        )

    assert len(receiver.requests) == len(RETRY_DELAYS)
    for wait, delay in zip(waits, RETRY_DELAYS, strict=True):
        assert delay <= wait < delay + datetime.timedelta(minutes=1)
    assert sorted(RETRY_DELAYS) == RETRY_DELAYS
    assert waits[-1] >= datetime.timedelta(hours=10)
    assert sum(RETRY_DELAYS, datetime.timedelta()) >= datetime.timedelta(hours=24)
    assert delivery.response_status == 500
    assert "500" in delivery.last_error


def test_a_retry_is_queued_for_its_time(
    receiver, read_key, endpoint_of, monkeypatch, django_capture_on_commit_callbacks
):
    receiver.status = 503
    delivery = queued_delivery(endpoint_of(read_key, receiver.url))
    queued = []
    monkeypatch.setattr(sending, "enqueue", lambda *args: queued.append(args))

    with django_capture_on_commit_callbacks(execute=True):
        attempt(delivery.pk)

    delivery.refresh_from_db()
    assert queued == [(delivery.pk, delivery.next_attempt_at)]


def fail_every_attempt(delivery):
    for _ in range(MAX_ATTEMPTS):
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            next_attempt_at=timezone.now()
        )
        attempt(delivery.pk)


def test_repeated_failure_disables_the_endpoint_and_tells_the_owner(
    receiver, read_key, endpoint_of, key_owner
):
    receiver.status = 500
    endpoint = endpoint_of(read_key, receiver.url)
    delivery = queued_delivery(endpoint)
    waiting = queued_delivery(endpoint)

    fail_every_attempt(delivery)

    delivery.refresh_from_db()
    endpoint.refresh_from_db()
    waiting.refresh_from_db()
    assert delivery.status == Status.FAILED
    assert delivery.attempts == MAX_ATTEMPTS
    assert len(receiver.requests) == MAX_ATTEMPTS
    assert not endpoint.is_active
    assert endpoint.disabled_at is not None
    assert "500" in endpoint.disabled_reason
    assert waiting.status == Status.FAILED
    (notice,) = Message.objects.filter(kind="webhook_endpoint_disabled")
    assert notice.recipient_email == key_owner.email
    assert notice.context["url"] == endpoint.url


def test_a_success_meanwhile_keeps_the_endpoint(receiver, read_key, endpoint_of):
    receiver.status = 500
    endpoint = endpoint_of(read_key, receiver.url)
    failing = queued_delivery(endpoint)
    for _ in range(MAX_ATTEMPTS - 1):
        WebhookDelivery.objects.filter(pk=failing.pk).update(
            next_attempt_at=timezone.now()
        )
        attempt(failing.pk)
    receiver.status = 200
    attempt(queued_delivery(endpoint).pk)
    receiver.status = 500

    WebhookDelivery.objects.filter(pk=failing.pk).update(next_attempt_at=timezone.now())
    attempt(failing.pk)

    endpoint.refresh_from_db()
    failing.refresh_from_db()
    assert failing.status == Status.FAILED
    assert endpoint.is_active
    assert not Message.objects.filter(kind="webhook_endpoint_disabled").exists()


def test_a_disabled_endpoint_is_not_called(receiver, read_key, endpoint_of):
    endpoint = endpoint_of(read_key, receiver.url)
    delivery = queued_delivery(endpoint)
    endpoint.is_active = False
    endpoint.save()

    assert attempt(delivery.pk) == Status.FAILED

    assert receiver.requests == []


def test_redirects_are_not_followed(receiver, read_key, endpoint_of):
    receiver.status = 302
    receiver.location = receiver.url.replace("/hooks/", "/elsewhere/")
    delivery = queued_delivery(endpoint_of(read_key, receiver.url))

    assert attempt(delivery.pk) == Status.PENDING

    assert [path for path, _, _ in receiver.requests] == ["/hooks/metropolis"]
    delivery.refresh_from_db()
    assert delivery.response_status == 302


def test_only_the_start_of_a_long_answer_is_read(receiver, read_key, endpoint_of):
    receiver.answer = b"x" * (RESPONSE_LIMIT * 4)
    delivery = queued_delivery(endpoint_of(read_key, receiver.url))

    attempt(delivery.pk)

    delivery.refresh_from_db()
    assert len(delivery.response_body) == RESPONSE_LIMIT


def test_a_receiver_that_is_gone_is_a_failure_to_retry(read_key, endpoint_of):
    endpoint = endpoint_of(read_key, "http://127.0.0.1:9/nobody-listens")
    delivery = queued_delivery(endpoint)

    assert attempt(delivery.pk) == Status.PENDING

    delivery.refresh_from_db()
    assert delivery.response_status is None
    assert delivery.last_error


def test_the_sweep_queues_lost_deliveries_again(read_key, endpoint_of, monkeypatch):
    endpoint = endpoint_of(read_key, "http://127.0.0.1:9/")
    lost = queued_delivery(endpoint)
    fresh = queued_delivery(endpoint)
    stale = queued_delivery(endpoint)
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    WebhookDelivery.objects.filter(pk=lost.pk).update(next_attempt_at=long_ago)
    WebhookDelivery.objects.filter(pk=stale.pk).update(
        status=Status.DELIVERING, lease_until=long_ago
    )
    queued = []
    monkeypatch.setattr(sending, "enqueue", lambda pk: queued.append(pk))

    assert sending.sweep() == 2

    assert sorted(queued) == sorted([lost.pk, stale.pk])
    assert fresh.pk not in queued


def test_the_command_runs_the_sweep(read_key, endpoint_of, monkeypatch):
    from django.core.management import call_command

    delivery = queued_delivery(endpoint_of(read_key, "http://127.0.0.1:9/"))
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(hours=1)
    )
    queued = []
    monkeypatch.setattr(sending, "enqueue", lambda pk: queued.append(pk))
    out = io.StringIO()

    call_command("deliver_webhooks", stdout=out)

    assert queued == [delivery.pk]
    assert out.getvalue().startswith("1 ")
