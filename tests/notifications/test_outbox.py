"""queue_email: the public way in (n2's webhooks call it too)."""

import pytest
from django.core import mail
from django.db import transaction

from notifications.models import Message, Preference
from notifications.outbox import queue_email
from partners.models import PartnerKey
from tests import factories

pytestmark = pytest.mark.django_db

CONTEXT = {
    "url": "https://partner.example/hook",
    "key_name": "Partner CRM",
    "reason": "HTTP 500",
}


@pytest.fixture
def owner():
    return factories.UserFactory(username="owner", email="Owner@Partner.example")


@pytest.fixture
def key(owner):
    key, _ = PartnerKey.objects.create_key(name="Partner CRM", owner=owner)
    return key


def test_queued_message_is_sent_once_committed(run_on_commit, owner, key):
    with run_on_commit():
        message = queue_email(
            "webhook_endpoint_disabled",
            key,
            to=owner.email,
            user=owner,
            context=CONTEXT,
        )
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert message.attempts == 1
    assert message.recipient_email == "owner@partner.example"
    (email,) = mail.outbox
    assert email.to == ["owner@partner.example"]
    assert "Partner CRM" in email.subject
    assert "https://partner.example/hook" in email.body
    assert "HTTP 500" in email.body
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html"
    assert "<code>https://partner.example/hook</code>" in html


def test_second_queue_creates_nothing(run_on_commit, owner, key):
    with run_on_commit():
        first = queue_email("webhook_endpoint_disabled", key, to=owner.email)
        second = queue_email(
            "webhook_endpoint_disabled", key, to="OWNER@partner.example"
        )
    assert first is not None
    assert second is None
    assert Message.objects.count() == 1
    assert len(mail.outbox) == 1


def test_rolled_back_change_queues_nothing(run_on_commit, owner, key):
    with run_on_commit(), transaction.atomic():
        queue_email("webhook_endpoint_disabled", key, to=owner.email, context=CONTEXT)
        transaction.set_rollback(True)
    assert not Message.objects.exists()
    assert mail.outbox == []


def test_opted_out_user_gets_no_non_statutory_message(run_on_commit, owner, key):
    Preference.objects.create(user=owner, non_statutory=False)
    with run_on_commit():
        optional = queue_email(
            "post_published", key, to=owner.email, user=owner, statutory=False
        )
        statutory = queue_email(
            "webhook_endpoint_disabled",
            key,
            to=owner.email,
            user=owner,
            context=CONTEXT,
        )
    assert optional is None
    assert statutory is not None
    assert [m.kind for m in Message.objects.all()] == ["webhook_endpoint_disabled"]
    assert len(mail.outbox) == 1


def test_no_address_no_message(owner, key):
    assert queue_email("webhook_endpoint_disabled", key, to="") is None
    assert queue_email("webhook_endpoint_disabled", key, to="not an address") is None
    assert not Message.objects.exists()


def test_unknown_kind_is_refused(owner, key):
    with pytest.raises(ValueError, match="Unknown e-mail kind"):
        queue_email("no_such_kind", key, to=owner.email)


def test_language_from_the_preference(run_on_commit, owner, key):
    Preference.objects.create(user=owner, language="fr")
    with run_on_commit():
        message = queue_email(
            "webhook_endpoint_disabled",
            key,
            to=owner.email,
            user=owner,
            context=CONTEXT,
        )
    assert message.language == "fr"
    html, _ = mail.outbox[0].alternatives[0]
    assert '<html lang="fr">' in html
