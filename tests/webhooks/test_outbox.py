"""Events into the outbox: written in the change's transaction (a rollback
leaves none), one per endpoint that listens and may read the object, with the
API's representation for the key's scope."""

import datetime

import pytest
from django.db import transaction
from standardwebhooks import Webhook

from alliances.services import alliance_extend
from core.events import emit
from dues.services import payment_record
from governance.models import Resolution
from governance.services import resolution_record_votes
from members.services import member_save
from tests import factories
from tests.dues.utils import make_invoice
from tests.governance.utils import make_resolution, present
from webhooks.models import WebhookDelivery
from webhooks.payloads import representation

pytestmark = pytest.mark.django_db

IMMEDIATE = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    }
}


def change_summary(member, text="A new summary."):
    member.summary = text
    member_save(member=member)


def test_a_change_rolled_back_leaves_no_delivery(
    member, read_key, endpoint_of, receiver, django_capture_on_commit_callbacks
):
    endpoint_of(read_key, receiver.url, ["member.updated"])

    with (
        django_capture_on_commit_callbacks(execute=True) as queued,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        change_summary(member)
        raise RuntimeError("the change fails after the event")

    assert not WebhookDelivery.objects.exists()
    assert queued == []
    assert receiver.requests == []


def test_a_committed_change_is_delivered_once_signed(
    member,
    read_key,
    endpoint_of,
    receiver,
    settings,
    django_capture_on_commit_callbacks,
):
    endpoint = endpoint_of(read_key, receiver.url, ["member.updated"])
    settings.TASKS = IMMEDIATE

    with django_capture_on_commit_callbacks(execute=True):
        change_summary(member)

    (delivery,) = WebhookDelivery.objects.all()
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    ((_, headers, body),) = receiver.requests
    message = Webhook(endpoint.secret).verify(body, headers)
    assert message["type"] == "member.updated"
    assert message["data"]["slug"] == "guangzhou"
    assert message["data"]["summary"] == "A new summary."
    assert message["data"]["url"].startswith(settings.SITE_URL)


def test_only_endpoints_that_listen_get_the_event(
    member, read_key, write_key, endpoint_of
):
    listening = endpoint_of(read_key, "http://127.0.0.1:9/", ["member.updated"])
    endpoint_of(write_key, "http://127.0.0.1:9/", ["post.published"])
    disabled = endpoint_of(write_key, "http://127.0.0.1:9/", ["member.updated"])
    disabled.is_active = False
    disabled.save()

    change_summary(member)

    assert [d.endpoint for d in WebhookDelivery.objects.all()] == [listening]


def test_a_revoked_key_gets_nothing(member, read_key, endpoint_of):
    endpoint_of(read_key, "http://127.0.0.1:9/", ["member.updated"])
    read_key.revoked = True
    read_key.save()

    change_summary(member)

    assert not WebhookDelivery.objects.exists()


@pytest.mark.parametrize(
    ("entry", "event"),
    [("api", "member.updated"), ("portal", "member.updated")],
)
def test_every_entry_point_of_a_city_change_emits_the_event(
    member, read_key, endpoint_of, client_as, liaison, client, entry, event
):
    from django.urls import reverse

    endpoint_of(read_key, "http://127.0.0.1:9/", [event])
    if entry == "api":
        response = client_as("editor").patch(
            reverse("api:membercity-detail", args=[member.slug]),
            {"summary": "Changed in the API."},
            format="json",
        )
    else:
        client.force_login(liaison)
        response = client.post(
            reverse("portal:profile"), {"summary": "Changed in the portal."}
        )
    assert response.status_code < 400

    (delivery,) = WebhookDelivery.objects.all()
    assert delivery.payload["data"]["summary"].startswith("Changed in the")


def test_an_extension_carries_what_each_scope_may_read(
    read_key, write_key, endpoint_of
):
    alliance = factories.AllianceFactory(internal_notes="Renegotiate in 2024.")
    for_read = endpoint_of(read_key, "http://127.0.0.1:9/", ["alliance.extended"])
    for_write = endpoint_of(write_key, "http://127.0.0.1:9/", ["alliance.extended"])

    alliance_extend(
        alliance=alliance,
        new_end_date=alliance.ends_on + datetime.timedelta(days=365),
        agreed_on=alliance.start_date,
    )

    read_data = WebhookDelivery.objects.get(endpoint=for_read).payload["data"]
    write_data = WebhookDelivery.objects.get(endpoint=for_write).payload["data"]
    assert "internal_notes" not in read_data
    assert write_data["internal_notes"] == "Renegotiate in 2024."
    assert read_data["end_date"] == write_data["end_date"]


def test_a_key_gets_no_payload_for_what_it_may_not_read(read_key, write_key):
    draft = factories.AllianceFactory(signed_on=None, start_date=None, term_years=None)

    assert representation(draft, read_key) is None
    assert representation(draft, write_key)["slug"] == draft.slug


def test_a_reminder_event_goes_once_per_offset(read_key, endpoint_of):
    alliance = factories.AllianceFactory()
    endpoint_of(read_key, "http://127.0.0.1:9/", ["alliance.expiring"])

    ends_on = alliance.ends_on

    emit("alliance.expiring", alliance, offset=30, ends_on=ends_on)
    emit("alliance.expiring", alliance, offset=30, ends_on=ends_on)
    emit("alliance.expiring", alliance, offset=7, ends_on=ends_on)

    offsets = sorted(WebhookDelivery.objects.values_list("offset", flat=True))
    assert offsets == [7, 30]
    assert {d.payload["offset"] for d in WebhookDelivery.objects.all()} == {7, 30}


def test_an_alliance_extended_is_reminded_again_for_its_new_end(read_key, endpoint_of):
    alliance = factories.AllianceFactory()
    endpoint_of(read_key, "http://127.0.0.1:9/", ["alliance.expiring"])
    first_end = alliance.ends_on
    emit("alliance.expiring", alliance, offset=30, ends_on=first_end)

    emit(
        "alliance.expiring",
        alliance,
        offset=30,
        ends_on=first_end + datetime.timedelta(days=365),
    )

    assert WebhookDelivery.objects.count() == 2


def test_an_invoice_paid_in_full_is_an_event_for_write_keys(
    write_key, endpoint_of, grid
):
    from tests.dues.utils import make_city

    endpoint = endpoint_of(write_key, "http://127.0.0.1:9/", ["invoice.paid"])
    invoice = make_invoice(make_city(name="Barcelona", slug="barcelona"))
    half = invoice.amount / 2

    payment_record(invoice=invoice, received_on=invoice.issued_on, amount=half)
    assert not WebhookDelivery.objects.exists()
    payment_record(
        invoice=invoice, received_on=invoice.issued_on, amount=invoice.amount - half
    )

    (delivery,) = WebhookDelivery.objects.filter(endpoint=endpoint)
    assert delivery.event == "invoice.paid"
    assert delivery.payload["data"]["number"] == invoice.number


def test_an_adopted_resolution_is_an_event(read_key, endpoint_of, assembly):
    endpoint_of(read_key, "http://127.0.0.1:9/", ["resolution.adopted"])
    present(assembly, *assembly.paid, assembly.waived)
    resolution = make_resolution(assembly, kind=Resolution.Kind.OTHER)

    resolution_record_votes(
        resolution=resolution, votes_for=3, votes_against=0, abstentions=0
    )

    (delivery,) = WebhookDelivery.objects.all()
    assert delivery.event == "resolution.adopted"
    assert delivery.payload["data"]["id"] == resolution.pk
