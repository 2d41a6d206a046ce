"""Delivering one message: claimed once, rendered in its language, retried
with growing waits, failed after a few attempts; the sweep."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from notifications.delivery import MAX_ATTEMPTS, claim, deliver
from notifications.models import Message, Preference
from notifications.outbox import queue_email, requeue_stalled
from tests import factories

pytestmark = pytest.mark.django_db

REFUSING = "tests.notifications.failing_mail.RefusingBackend"


@pytest.fixture
def alliance():
    return factories.AllianceFactory(title="Parks & Rivers", counterpart="Río <Office>")


@pytest.fixture
def message(alliance):
    """Queued; its task never ran (no commit in this test)."""
    return queue_email("alliance_expiring", alliance, to="ana@example.org", offset=30)


def test_delivered_once_however_often_the_task_runs(message):
    assert deliver(message.pk) == "sent"
    assert deliver(message.pk) == "skipped"
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert message.attempts == 1
    assert message.sent_at is not None
    assert len(mail.outbox) == 1


def test_a_message_being_sent_is_not_taken_by_another_worker(message):
    assert claim(message.pk, timezone.now())
    assert deliver(message.pk) == "skipped"
    assert mail.outbox == []


def test_plain_text_is_not_escaped_and_html_is(message):
    deliver(message.pk)
    (email,) = mail.outbox
    assert "Parks & Rivers" in email.subject
    assert 'The alliance "Parks & Rivers" with Río <Office> ends on' in email.body
    html, _ = email.alternatives[0]
    assert "Río &lt;Office&gt;" in html
    assert "<Office>" not in html


def test_written_in_the_recipient_language(alliance):
    user = factories.UserFactory(username="maria")
    Preference.objects.create(user=user, language="es")
    message = queue_email(
        "alliance_expiring", alliance, to=user.email, user=user, offset=30
    )
    deliver(message.pk)
    (email,) = mail.outbox
    # Django's own Spanish dates: the end of the alliance, 14 July 2024.
    assert "14 de julio de 2024" in email.body
    assert '<html lang="es">' in email.alternatives[0][0]


def test_refused_mail_is_retried_later(settings, message, immediate_tasks):
    settings.EMAIL_BACKEND = REFUSING
    before = timezone.now()
    assert deliver(message.pk) == "retry"
    message.refresh_from_db()
    assert message.status == Message.Status.QUEUED
    assert message.attempts == 1
    assert "SMTPServerDisconnected" in message.last_error
    # Left to a later attempt: the sweep does not take it before its wait.
    assert message.leased_until > before + datetime.timedelta(minutes=1)
    assert requeue_stalled() == 0


def test_gives_up_after_the_last_attempt(settings, message, immediate_tasks):
    settings.EMAIL_BACKEND = REFUSING
    outcomes = []
    for _ in range(MAX_ATTEMPTS):
        outcomes.append(deliver(message.pk))
    message.refresh_from_db()
    assert outcomes == ["retry"] * (MAX_ATTEMPTS - 1) + ["failed"]
    assert message.status == Message.Status.FAILED
    assert message.attempts == MAX_ATTEMPTS
    assert message.last_error


def test_a_deleted_object_fails_at_once(message, alliance):
    alliance.delete()
    assert deliver(message.pk) == "failed"
    message.refresh_from_db()
    assert "Parks & Rivers no longer exists" in message.last_error
    assert mail.outbox == []


def test_the_sweep_takes_a_lost_task_and_a_dead_worker(message, alliance):
    other = queue_email("alliance_expiring", alliance, to="bo@example.org", offset=30)
    later = timezone.now() + datetime.timedelta(minutes=20)
    # A worker claimed `other` and died; `message`'s task was lost.
    claim(other.pk, timezone.now())
    assert requeue_stalled(now=timezone.now()) == 0
    assert requeue_stalled(now=later) == 2
    assert set(Message.objects.values_list("status", flat=True)) == {"queued"}
    assert requeue_stalled(now=later) == 0


def test_a_message_that_kills_its_worker_every_time_is_failed(message):
    now = timezone.now()
    for attempt in range(MAX_ATTEMPTS):
        moment = now + attempt * datetime.timedelta(minutes=30)
        assert claim(message.pk, moment)  # the worker dies sending it
        requeue_stalled(now=moment + datetime.timedelta(minutes=20))
    message.refresh_from_db()
    assert message.status == Message.Status.FAILED
    assert message.attempts == MAX_ATTEMPTS
    assert "worker stopped" in message.last_error
    assert mail.outbox == []
