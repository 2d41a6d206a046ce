"""Erasure: the personal data go, the institutional record stays, the erasure
is logged without the erased data."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.core.exceptions import PermissionDenied

from alliances.models import Alliance, AllianceSignatory
from members.models import BoardMandate, Liaison, Person, RegionalSecretariat
from notifications.models import Message, Preference
from privacy.erase import person_erase, user_erase
from privacy.models import Erasure
from tests import factories
from tests.privacy.conftest import OLD_NAME, names_in
from webhooks.models import WebhookDelivery

pytestmark = pytest.mark.django_db


def test_erased_person_keeps_only_a_pseudonym(subject, editor):
    person_erase(person=subject, by=editor)

    subject.refresh_from_db()
    assert subject.name == f"Erased person #{subject.pk}"
    assert (subject.email, subject.phone, subject.position_title) == ("", "", "")
    assert subject.is_public is False
    assert subject.organisation.name == "Guangzhou"


def test_erasure_scrubs_every_version_in_the_history(subject, editor):
    person_erase(person=subject, by=editor)

    versions = Person.history.filter(id=subject.pk)
    assert versions.count() == 3  # created, renamed, erased
    for version in versions:
        assert names_in(f"{version.name} {version.email} {version.phone}") == []
        assert version.position_title == ""


def test_erasure_keeps_the_citys_mandates_agreements_and_secretariats(
    subject, editor, member
):
    person_erase(person=subject, by=editor)

    alliance = Alliance.objects.get(slug="guangzhou-innovation")
    assert alliance.granting_member == member
    assert alliance.contact == subject
    assert AllianceSignatory.objects.get(alliance=alliance).person == subject
    assert AllianceSignatory.objects.get(alliance=alliance).side == "association"
    assert RegionalSecretariat.objects.get(member=member).secretary == subject
    assert BoardMandate.objects.filter(member=member, role="treasurer").exists()


def test_erasure_readdresses_and_cancels_the_emails_to_the_person(subject, editor):
    person_erase(person=subject, by=editor)

    message = Message.objects.get()
    assert message.recipient_email == f"erased-person-{subject.pk}@erased.invalid"
    assert message.status == Message.Status.FAILED
    assert names_in(str(message.context)) == []


def test_erasure_scrubs_webhook_payloads(subject, editor):
    person_erase(person=subject, by=editor)

    payload = WebhookDelivery.objects.get().payload
    assert payload["data"]["contact"] == {
        "name": f"Erased person #{subject.pk}",
        "email": "",
    }


def test_erasure_is_logged_without_the_erased_data(subject, editor):
    person_erase(person=subject, by=editor)

    erasure = Erasure.objects.get()
    assert (erasure.subject, erasure.subject_id) == ("person", subject.pk)
    assert erasure.erased_by == editor
    assert erasure.actions["history_rows"] == 3
    assert erasure.actions["messages"] == 1
    assert names_in(str(erasure.actions) + str(erasure)) == []


def test_erasure_leaves_other_people_alone(subject, bystander, editor):
    person_erase(person=subject, by=editor)

    bystander.refresh_from_db()
    assert (bystander.name, bystander.email) == (
        "Bartholomew Ostrander",
        "bart@example.org",
    )


def test_erasure_of_the_old_name_in_the_admin_log(subject, editor):
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    LogEntry.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(Alliance),
        object_id="1",
        object_repr="Guangzhou Innovation Alliance",
        action_flag=CHANGE,
        change_message=(
            '[{"added": {"name": "signatory", "object": "'
            + OLD_NAME
            + ' (For the association)"}}]'
        ),
    )

    person_erase(person=subject, by=editor)

    assert names_in(LogEntry.objects.get().change_message) == []


def test_erased_user_is_deactivated_and_scrubbed(liaison, superuser, member):
    post = factories.NewsPostFactory(author=liaison)
    Preference.objects.create(user=liaison, non_statutory=False)
    AccessAttempt.objects.create(
        username="liaison",
        ip_address="203.0.113.9",
        user_agent="Firefox",
        failures_since_start=2,
        attempt_time=datetime.datetime.now(datetime.UTC),
    )

    user_erase(user=liaison, by=superuser)

    liaison.refresh_from_db()
    assert liaison.username == f"erased-user-{liaison.pk}"
    assert (liaison.email, liaison.first_name, liaison.last_name) == ("", "", "")
    assert not liaison.is_active
    assert not liaison.has_usable_password()
    assert not Liaison.objects.filter(user=liaison).exists()
    assert not Preference.objects.filter(user=liaison).exists()
    assert not AccessAttempt.objects.exists()
    post.refresh_from_db()
    assert post.author == liaison  # the post stays, by the pseudonym
    assert member.liaisons.count() == 0


def test_erased_users_changes_stay_in_the_history_under_the_pseudonym(
    editor, superuser, member
):
    member.summary = "Edited."
    member._history_user = editor
    member.save()

    user_erase(user=editor, by=superuser)

    version = member.history.latest()
    assert version.history_user == editor
    assert version.history_user.username == f"erased-user-{editor.pk}"


def test_a_user_cannot_erase_its_own_account(superuser):
    with pytest.raises(PermissionDenied):
        user_erase(user=superuser, by=superuser)

    superuser.refresh_from_db()
    assert superuser.is_active
    assert not Erasure.objects.exists()


def test_erasing_a_user_leaves_an_other_liaison_with_a_longer_name_alone(
    liaison, other_liaison, superuser
):
    user_erase(user=liaison, by=superuser)

    other_liaison.refresh_from_db()
    assert other_liaison.username == "other-liaison"
    assert other_liaison.is_active


def test_emails_to_each_address_the_person_had_get_their_own_pseudonym(subject, editor):
    first = Message.objects.get()
    subject.email = "zenobia@city.example.org"
    subject.save()
    Message.objects.create(
        kind=first.kind,
        recipient_email=subject.email,
        content_type=first.content_type,
        object_id=first.object_id,
        object_label=first.object_label,
        language="en",
        offset=first.offset,
    )

    person_erase(person=subject, by=editor)

    addresses = sorted(Message.objects.values_list("recipient_email", flat=True))
    assert addresses == [
        f"erased-person-{subject.pk}.1@erased.invalid",
        f"erased-person-{subject.pk}@erased.invalid",
    ]


def test_the_plan_counts_many_records_of_a_kind_instead_of_listing_them(liaison):
    from privacy.erase import user_plan

    factories.NewsPostFactory.create_batch(12, author=liaison)
    factories.NewsPostFactory(author=None, title="Somebody else's post")

    kept = user_plan(liaison)["kept"]

    assert "news post (author): 12 records" in kept
    assert not any("News post" in line for line in kept)
