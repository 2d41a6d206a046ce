"""The admin: endpoints (secret shown once, enable again, send a test event)
and the delivery log, for the secretariat only; a city changed there is an
event like anywhere else."""

from http import HTTPStatus

import pytest
from django.contrib.messages import get_messages

from tests.admin_utils import admin_url, changeform_data
from webhooks.models import WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def endpoint(read_key, endpoint_of):
    return endpoint_of(read_key, "http://127.0.0.1:9/in", ["member.updated"])


def shown_messages(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def test_an_editor_adds_an_endpoint_and_sees_its_secret_once(editor_client, read_key):
    response = editor_client.post(
        admin_url("webhooks.webhookendpoint", "add"),
        {
            "key": read_key.pk,
            "url": "http://127.0.0.1:9/in",
            "events": ["post.published"],
        },
        follow=True,
    )

    (endpoint,) = WebhookEndpoint.objects.all()
    assert endpoint.secret in shown_messages(response)
    page = editor_client.get(
        admin_url("webhooks.webhookendpoint", "change", endpoint.pk)
    )
    assert endpoint.secret not in page.content.decode()


def test_the_admin_refuses_what_the_api_refuses(editor_client, read_key, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False

    response = editor_client.post(
        admin_url("webhooks.webhookendpoint", "add"),
        {"key": read_key.pk, "url": "http://10.0.0.1/in", "events": ["invoice.paid"]},
    )

    assert response.status_code == HTTPStatus.OK
    errors = response.context["adminform"].form.errors
    assert "events" in errors
    assert not WebhookEndpoint.objects.exists()


def test_an_editor_enables_an_endpoint_again(editor_client, endpoint):
    endpoint.is_active = False
    endpoint.consecutive_failures = 8
    endpoint.save()

    editor_client.post(
        admin_url("webhooks.webhookendpoint", "changelist"),
        {"action": "enable", "_selected_action": [endpoint.pk]},
    )

    endpoint.refresh_from_db()
    assert endpoint.is_active
    assert endpoint.consecutive_failures == 0


def test_an_editor_sends_a_test_event(editor_client, endpoint):
    editor_client.post(
        admin_url("webhooks.webhookendpoint", "changelist"),
        {"action": "send_test", "_selected_action": [endpoint.pk]},
    )

    (delivery,) = WebhookDelivery.objects.all()
    assert delivery.event == "webhook.test"


def test_the_delivery_log_lists_and_filters(
    editor_client, endpoint, django_assert_max_num_queries
):
    from webhooks.services import endpoint_send_test

    for _ in range(3):
        endpoint_send_test(endpoint=endpoint)
    WebhookDelivery.objects.filter(pk=WebhookDelivery.objects.first().pk).update(
        status=WebhookDelivery.Status.FAILED, response_status=500, response_ms=12
    )
    url = admin_url("webhooks.webhookdelivery", "changelist")

    with django_assert_max_num_queries(15):
        everything = editor_client.get(url)
    failed = editor_client.get(url, {"status__exact": "failed"})

    assert everything.context["cl"].result_count == 3
    assert failed.context["cl"].result_count == 1
    assert "500" in failed.content.decode()


def test_a_failed_delivery_is_sent_again(editor_client, endpoint):
    from webhooks.services import endpoint_send_test

    delivery = endpoint_send_test(endpoint=endpoint)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=WebhookDelivery.Status.FAILED, attempts=8
    )

    editor_client.post(
        admin_url("webhooks.webhookdelivery", "changelist"),
        {"action": "send_again", "_selected_action": [delivery.pk]},
    )

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.PENDING
    assert delivery.attempts == 0


def test_liaisons_do_not_reach_the_webhooks_admin(liaison_client, endpoint):
    for url in (
        admin_url("webhooks.webhookendpoint", "changelist"),
        admin_url("webhooks.webhookdelivery", "changelist"),
    ):
        response = liaison_client.get(url)
        assert response.status_code == HTTPStatus.FOUND  # to the admin's login


def test_a_city_changed_in_the_admin_is_an_event(editor_client, member, endpoint):
    url = admin_url("members.membercity", "change", member.pk)
    data = changeform_data(editor_client.get(url))
    data["summary"] = "Changed in the admin."

    response = editor_client.post(url, data)

    assert response.status_code == HTTPStatus.FOUND
    (delivery,) = WebhookDelivery.objects.all()
    assert delivery.event == "member.updated"
    assert delivery.payload["data"]["summary"] == "Changed in the admin."
