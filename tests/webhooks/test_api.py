"""/api/v1/webhook-endpoints/: each partner key its own endpoints; the secret
in the creation's answer only; people logged in and visitors refused; bad
input a 400 naming the field."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from rest_framework.test import APIClient
from standardwebhooks import Webhook

from partners.models import PartnerKey
from tests.api_utils import (
    ANONYMOUS,
    EDITOR,
    OTHER_LIAISON,
    OWN_LIAISON,
    READ_KEY,
    WRITE_KEY,
)
from webhooks.models import WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db

LIST = reverse("api:webhookendpoint-list")


def detail(endpoint, action=None):
    name = f"api:webhookendpoint-{action or 'detail'}"
    return reverse(name, args=[endpoint.pk])


def client_of(key_text: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key_text}")
    return client


@pytest.fixture
def own(key_owner):
    """A read key's client and one endpoint of that key."""
    key, text = PartnerKey.objects.create_key(name="CRM", owner=key_owner, scope="read")
    endpoint = WebhookEndpoint.objects.create(
        key=key, url="http://127.0.0.1:9/own", events=["member.updated"], secret="x"
    )
    return client_of(text), endpoint


@pytest.fixture
def others(key_owner):
    """An endpoint of another key."""
    key, _ = PartnerKey.objects.create_key(name="Other", owner=key_owner, scope="write")
    return WebhookEndpoint.objects.create(
        key=key, url="http://127.0.0.1:9/other", events=["member.updated"], secret="y"
    )


@pytest.mark.parametrize("persona", [READ_KEY, WRITE_KEY])
def test_a_key_creates_an_endpoint_and_sees_its_secret_once(api_as, persona):
    client = api_as(persona)

    created = client.post(
        LIST,
        {"url": "http://127.0.0.1:9/in", "events": ["member.updated"]},
        format="json",
    )

    assert created.status_code == HTTPStatus.CREATED
    secret = created.json()["secret"]
    assert secret.startswith("whsec_")
    Webhook(secret)  # the reference library reads it
    shown = client.get(
        reverse("api:webhookendpoint-detail", args=[created.json()["id"]])
    )
    assert shown.status_code == HTTPStatus.OK
    assert "secret" not in shown.json()
    assert all("secret" not in row for row in client.get(LIST).json()["results"])


def test_a_key_lists_only_its_own_endpoints(own, others, django_assert_max_num_queries):
    client, endpoint = own

    with django_assert_max_num_queries(6):
        listed = client.get(LIST)

    assert [row["id"] for row in listed.json()["results"]] == [endpoint.pk]


@pytest.mark.parametrize(
    ("method", "action"),
    [
        ("get", None),
        ("patch", None),
        ("delete", None),
        ("post", "test"),
        ("get", "deliveries"),
    ],
)
def test_another_keys_endpoint_is_not_found(own, others, method, action):
    client, _ = own

    response = getattr(client, method)(
        detail(others, action), {"url": "http://127.0.0.1:9/x"}, format="json"
    )

    assert response.status_code == HTTPStatus.NOT_FOUND
    others.refresh_from_db()
    assert others.url == "http://127.0.0.1:9/other"
    assert not WebhookDelivery.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        (ANONYMOUS, HTTPStatus.UNAUTHORIZED),
        (OWN_LIAISON, HTTPStatus.FORBIDDEN),
        (OTHER_LIAISON, HTTPStatus.FORBIDDEN),
        (EDITOR, HTTPStatus.FORBIDDEN),
    ],
)
def test_people_and_visitors_see_no_endpoint_and_write_none(
    api_as, others, persona, status
):
    client = api_as(persona)

    listed = client.get(LIST)
    shown = client.get(detail(others))
    created = client.post(
        LIST, {"url": "http://127.0.0.1:9/", "events": ["member.updated"]}
    )
    changed = client.patch(detail(others), {"url": "http://127.0.0.1:9/x"})
    tested = client.post(detail(others, "test"))

    assert listed.status_code == HTTPStatus.OK
    assert listed.json()["results"] == []
    assert shown.status_code == HTTPStatus.NOT_FOUND
    assert {created.status_code, changed.status_code, tested.status_code} == {status}
    assert WebhookEndpoint.objects.count() == 1
    assert not WebhookDelivery.objects.exists()


def test_a_key_changes_and_deletes_its_endpoint(own):
    client, endpoint = own

    changed = client.patch(
        detail(endpoint), {"events": ["alliance.extended"]}, format="json"
    )
    deleted = client.delete(detail(endpoint))

    assert changed.status_code == HTTPStatus.OK
    assert changed.json()["events"] == ["alliance.extended"]
    assert deleted.status_code == HTTPStatus.NO_CONTENT
    assert not WebhookEndpoint.objects.exists()


def test_a_disabled_endpoint_is_enabled_again(own):
    client, endpoint = own
    endpoint.is_active = False
    endpoint.consecutive_failures = 8
    endpoint.disabled_reason = "8 deliveries in a row failed"
    endpoint.save()

    response = client.patch(detail(endpoint), {"is_active": True}, format="json")

    assert response.status_code == HTTPStatus.OK
    endpoint.refresh_from_db()
    assert endpoint.is_active
    assert endpoint.consecutive_failures == 0
    assert endpoint.disabled_reason == ""


def test_a_test_event_is_queued_and_logged(own):
    client, endpoint = own

    sent = client.post(detail(endpoint, "test"))
    log = client.get(detail(endpoint, "deliveries"))

    assert sent.status_code == HTTPStatus.ACCEPTED
    assert sent.json()["event"] == "webhook.test"
    (row,) = log.json()["results"]
    assert row["msg_id"] == sent.json()["msg_id"]
    assert row["status"] == "pending"


BAD = [
    ({"url": "ftp://example.org/in"}, "url"),
    ({"url": "javascript:alert(1)"}, "url"),
    ({"url": "not a url"}, "url"),
    ({"url": "http://"}, "url"),
    ({"url": "http://user:pass@127.0.0.1/"}, "url"),
    ({"url": "http://127.0.0.1:99999/"}, "url"),
    ({"url": "http://127.0.0.1/\x00"}, "url"),
    ({"url": "http://127.0.0.1/" + "a" * 5000}, "url"),
    ({"url": 42}, "url"),
    ({"url": None}, "url"),
    ({"events": []}, "events"),
    ({"events": "member.updated"}, "events"),
    ({"events": ["member.exploded"]}, "events"),
    ({"events": ["member.updated\x00"]}, "events"),
    ({"events": [{"name": "member.updated"}]}, "events"),
    ({"events": ["member.updated", "member.updated"]}, "events"),
    ({"events": ["invoice.paid"]}, "events"),  # a read key's
    ({"events": ["x" * 100_000]}, "events"),
    ({"is_active": "maybe"}, "is_active"),
]


@pytest.mark.parametrize(("change", "field"), BAD)
def test_bad_input_is_a_400_naming_the_field(own, change, field):
    client, endpoint = own
    body = {"url": "http://127.0.0.1:9/in", "events": ["member.updated"], **change}

    created = client.post(LIST, body, format="json")
    changed = client.patch(detail(endpoint), change, format="json")

    for response in (created, changed):
        assert response.status_code == HTTPStatus.BAD_REQUEST
        assert field in str(response.json())
    assert WebhookEndpoint.objects.count() == 1
    endpoint.refresh_from_db()
    assert endpoint.url == "http://127.0.0.1:9/own"


def test_a_private_target_is_refused_through_the_api(own, settings):
    client, _ = own
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False

    response = client.post(
        LIST,
        {"url": "http://169.254.169.254/latest", "events": ["member.updated"]},
        format="json",
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "private" in str(response.json()["errors"]["url"])
