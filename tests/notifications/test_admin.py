"""The e-mail log in the admin: the secretariat reads it and sends failed
messages again; nobody edits it; a liaison never sees it."""

from http import HTTPStatus

import pytest
from django.core import mail
from django.urls import reverse

from notifications.models import Message
from notifications.outbox import queue_email
from tests import factories

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:notifications_message_changelist")


@pytest.fixture
def alliance():
    return factories.AllianceFactory(title="Parks")


def make(alliance, to, status=Message.Status.SENT, error=""):
    message = queue_email("alliance_expiring", alliance, to=to, offset=30)
    Message.objects.filter(pk=message.pk).update(status=status, last_error=error)
    return message


def test_editor_reads_the_log(editor_client, alliance, django_assert_max_num_queries):
    for n in range(5):
        make(alliance, f"p{n}@example.org")
    make(alliance, "bad@example.org", Message.Status.FAILED, "SMTP 550 no such user")
    with django_assert_max_num_queries(12):
        response = editor_client.get(CHANGELIST)
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert "bad@example.org" in page
    assert "SMTP 550 no such user" in page
    assert "Parks" in page


def test_filters_and_search(editor_client, alliance):
    make(alliance, "ok@example.org")
    make(alliance, "bad@example.org", Message.Status.FAILED)
    response = editor_client.get(CHANGELIST, {"status__exact": "failed"})
    assert [m.recipient_email for m in response.context["cl"].result_list] == [
        "bad@example.org"
    ]
    response = editor_client.get(CHANGELIST, {"q": "ok@"})
    assert [m.recipient_email for m in response.context["cl"].result_list] == [
        "ok@example.org"
    ]


def test_a_message_is_read_only(editor_client, alliance):
    message = make(alliance, "ok@example.org")
    url = reverse("admin:notifications_message_change", args=[message.pk])
    response = editor_client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert b'name="_save"' not in response.content
    response = editor_client.post(url, {"recipient_email": "evil@example.org"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    message.refresh_from_db()
    assert message.recipient_email == "ok@example.org"
    add = editor_client.get(reverse("admin:notifications_message_add"))
    assert add.status_code == HTTPStatus.FORBIDDEN


def test_send_again_requeues_and_sends_only_failed_ones(
    editor_client, alliance, run_on_commit
):
    failed = make(alliance, "bad@example.org", Message.Status.FAILED, "SMTP 550")
    sent = make(alliance, "ok@example.org")
    with run_on_commit():
        response = editor_client.post(
            CHANGELIST,
            {"action": "send_again", "_selected_action": [failed.pk, sent.pk]},
            follow=True,
        )
    assert "1 failed message queued again." in response.content.decode()
    failed.refresh_from_db()
    assert failed.status == Message.Status.SENT
    assert failed.attempts == 1
    assert [m.to for m in mail.outbox] == [["bad@example.org"]]


def test_liaison_is_refused(liaison_client, alliance):
    failed = make(alliance, "bad@example.org", Message.Status.FAILED)
    response = liaison_client.get(CHANGELIST)
    assert response.status_code == HTTPStatus.FOUND
    assert reverse("admin:login") in response["Location"]
    liaison_client.post(
        CHANGELIST, {"action": "send_again", "_selected_action": [failed.pk]}
    )
    failed.refresh_from_db()
    assert failed.status == Message.Status.FAILED


def test_staff_outside_the_secretariat_is_refused(client, alliance):
    client.force_login(factories.UserFactory(username="staff", is_staff=True))
    response = client.get(CHANGELIST)
    assert response.status_code == HTTPStatus.FORBIDDEN
