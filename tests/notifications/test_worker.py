"""The real queue: messages enqueued on django-tasks' database backend when
the change commits, and sent by `manage.py db_worker`."""

import datetime
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from notifications.delivery import claim
from notifications.models import Message
from notifications.outbox import enqueue, queue_email, requeue_stalled
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

REFUSING = "tests.notifications.failing_mail.RefusingBackend"


def run_worker():
    call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0)


@pytest.fixture
def alliance():
    return factories.AllianceFactory(title="Parks")


def queue(alliance, to="ana@example.org"):
    with transaction.atomic():
        return queue_email("alliance_expiring", alliance, to=to, offset=30)


def test_committed_message_is_sent_by_the_worker(alliance):
    message = queue(alliance)
    assert DBTaskResult.objects.count() == 1
    assert mail.outbox == []
    run_worker()
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert len(mail.outbox) == 1


def test_rolled_back_message_enqueues_nothing(alliance):
    with transaction.atomic():
        queue_email("alliance_expiring", alliance, to="ana@example.org", offset=30)
        transaction.set_rollback(True)
    run_worker()
    assert not Message.objects.exists()
    assert not DBTaskResult.objects.exists()
    assert mail.outbox == []


def test_a_killed_worker_task_is_sent_once_after_the_sweep(alliance):
    message = queue(alliance)
    # The worker took the task and claimed the message, then died: the task
    # stays "running" in the queue and the message "sending" under its lease.
    DBTaskResult.objects.update(status="RUNNING")
    assert claim(message.pk, timezone.now())
    run_worker()
    assert mail.outbox == []
    # Past the lease, the sweep (send_reminders --requeue) queues it again.
    later = timezone.now() + datetime.timedelta(minutes=11)
    assert requeue_stalled(now=later) == 1
    run_worker()
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert message.attempts == 2
    assert len(mail.outbox) == 1


def test_send_reminders_requeue_runs_the_sweep(alliance):
    message = queue(alliance)
    DBTaskResult.objects.all().delete()  # the task was lost
    Message.objects.filter(pk=message.pk).update(
        leased_until=timezone.now() - datetime.timedelta(seconds=1)
    )
    call_command("send_reminders", "--requeue", stdout=None)
    run_worker()
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert len(mail.outbox) == 1


def test_a_refused_mail_is_retried_after_a_wait(settings, alliance):
    settings.EMAIL_BACKEND = REFUSING
    message = queue(alliance)
    run_worker()
    message.refresh_from_db()
    assert message.status == Message.Status.QUEUED
    assert message.attempts == 1
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.run_after > timezone.now()
    assert retry.args_kwargs["args"] == [message.pk]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="workers side by side: PostgreSQL"
)
def test_two_workers_send_a_message_once(alliance):
    message = queue(alliance)
    enqueue(message.pk)  # a second task for it, as the sweep may add
    start = threading.Barrier(2)

    def work(name):
        worker = Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=name,
            excluded_queue_names=[],
        )
        start.wait()
        try:
            worker.run()
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(f"w{n}",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert message.attempts == 1
    assert len(mail.outbox) == 1
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
