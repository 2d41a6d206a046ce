"""The export: everything held about one person or user, nothing of anyone
else, no secret."""

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import Person
from notifications.models import Kind, Message, Preference
from partners.models import PartnerKey
from privacy.collect import as_json, person_export, user_export
from tests import factories
from tests.privacy.conftest import EMAIL, NAME, OLD_NAME, PHONE, names_in

pytestmark = pytest.mark.django_db


def test_person_export_holds_the_person_and_every_record_naming_it(subject):
    data = json.loads(as_json(person_export(subject)))

    assert data["person"]["name"] == NAME
    assert (data["person"]["email"], data["person"]["phone"]) == (EMAIL, PHONE)
    assert data["person"]["organisation"] == "Guangzhou"
    linked = {(row["model"], row["record"]["id"]) for row in data["linked_records"]}
    assert {model for model, _ in linked} == {
        "alliances.alliance",
        "alliances.alliancesignatory",
        "members.regionalsecretariat",
    }
    assert [row["name"] for row in data["history"]] == [OLD_NAME, NAME]
    assert [m["recipient_email"] for m in data["email_messages"]] == [EMAIL]


def test_person_export_holds_nothing_of_others(subject, bystander):
    text = as_json(person_export(subject))

    assert bystander.name not in text
    assert bystander.email not in text


def test_user_export_holds_the_account_its_city_posts_and_emails(
    liaison, other_liaison, member
):
    post = factories.NewsPostFactory(title="Our river festival", author=liaison)
    Preference.objects.create(user=liaison, non_statutory=False, language="fr")
    Message.objects.create(
        kind=Kind.POST_PUBLISHED,
        recipient_email=liaison.email,
        recipient_user=liaison,
        content_type=ContentType.objects.get_for_model(post),
        object_id=str(post.pk),
        object_label=post.title,
        language="fr",
    )

    data = json.loads(as_json(user_export(liaison)))

    assert data["user"]["username"] == "liaison"
    assert data["user"]["email"] == liaison.email
    assert data["liaison"] == {"member_id": member.pk, "member": "Guangzhou"}
    assert data["email_preferences"]["language"] == "fr"
    assert [m["object_label"] for m in data["email_messages"]] == [post.title]
    posts = [r for r in data["linked_records"] if r["model"] == "news.newspost"]
    assert [row["label"] for row in posts] == ["Our river festival"]
    text = json.dumps(data)
    assert "other-liaison" not in text
    assert other_liaison.email not in text


def test_user_export_lists_the_changes_it_made(editor, member):
    member.summary = "Edited by the editor."
    member._history_user = editor
    member.save()

    data = user_export(editor)

    assert {
        (change["model"], change["object_id"]) for change in data["changes_made"]
    } == {("members.membercity", member.pk)}


def test_user_export_leaves_out_password_and_key_hashes(key_owner):
    _, key = PartnerKey.objects.create_key(name="crm", owner=key_owner, scope="read")
    stored = PartnerKey.objects.get(name="crm")

    text = as_json(user_export(key_owner))

    assert json.loads(text)["api_keys"][0]["name"] == "crm"
    assert stored.hashed_key not in text
    assert key not in text
    assert key_owner.password not in text
    assert "password" not in json.loads(text)["user"]


def test_export_of_a_person_with_no_email_lists_no_one_elses_message(subject, member):
    person = factories.PersonFactory(name="Ada Nomail", email="", organisation=member)

    data = person_export(person)

    assert data["email_messages"] == []
    assert names_in(as_json(data)) == []


def _count(export, subject) -> int:
    """The number of queries of one export."""
    with CaptureQueriesContext(connection) as queries:
        export(subject)
    return len(queries)


def test_export_costs_the_same_queries_however_many_records(liaison, member):
    factories.NewsPostFactory(author=liaison)
    factories.AllianceSignatoryFactory(
        person=factories.PersonFactory(name="Ines Count", organisation=member)
    )
    person = Person.objects.get(name="Ines Count")
    person_export(person)  # caches filled (content types, translations)
    one = (_count(user_export, liaison), _count(person_export, person))

    factories.NewsPostFactory.create_batch(4, author=liaison)
    for _ in range(4):
        factories.AllianceSignatoryFactory(person=person)

    assert (_count(user_export, liaison), _count(person_export, person)) == one
