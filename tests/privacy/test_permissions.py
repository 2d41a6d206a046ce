"""Who may export and erase: editors and superusers a person, superusers a
user account; a liaison only downloads its own data; visitors nothing."""

import json
from http import HTTPStatus

import pytest
from django.urls import reverse

from members.models import Person
from privacy.models import Erasure
from tests.privacy.conftest import EMAIL, NAME

pytestmark = pytest.mark.django_db


def _action(client, model: str, action: str, pk):
    return client.post(
        reverse(f"admin:{model}_changelist"),
        {"action": action, "_selected_action": [pk]},
    )


def _erase_url(model: str, pk) -> str:
    return reverse(f"admin:{model}_erase", args=[pk])


def test_editor_exports_a_person_as_a_json_file(client, editor, subject):
    client.force_login(editor)

    response = _action(client, "members_person", "export_personal_data", subject.pk)

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith("attachment;")
    assert json.loads(response.content)["person"]["email"] == EMAIL


def test_editors_confirmation_page_says_what_is_removed_and_kept(
    client, editor, subject
):
    client.force_login(editor)

    response = client.get(_erase_url("members_person", subject.pk))

    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert f"Erased person #{subject.pk}" in page
    assert "Guangzhou Innovation Alliance" in page  # kept: the agreement
    assert "For the association" in page  # kept: the signature
    assert Person.objects.get(pk=subject.pk).name == NAME  # nothing done yet


def test_editor_erases_a_person_after_confirming(client, editor, subject):
    client.force_login(editor)
    start = _action(client, "members_person", "erase_personal_data", subject.pk)
    assert start.url == _erase_url("members_person", subject.pk)

    response = client.post(start.url)

    assert response.status_code == HTTPStatus.FOUND
    assert Person.objects.get(pk=subject.pk).name == f"Erased person #{subject.pk}"
    assert Erasure.objects.get().erased_by == editor


def test_erase_action_on_several_people_erases_none(client, editor, subject, bystander):
    client.force_login(editor)

    response = client.post(
        reverse("admin:members_person_changelist"),
        {
            "action": "erase_personal_data",
            "_selected_action": [subject.pk, bystander.pk],
        },
        follow=True,
    )

    assert "Select exactly one record" in response.content.decode()
    assert not Erasure.objects.exists()


@pytest.mark.parametrize("persona", ["anonymous", "liaison"])
def test_visitors_and_liaisons_cannot_export_or_erase_a_person(
    client, liaison, subject, persona
):
    if persona == "liaison":
        client.force_login(liaison)

    exported = _action(client, "members_person", "export_personal_data", subject.pk)
    erased = client.post(_erase_url("members_person", subject.pk))

    for response in (exported, erased):
        assert response.status_code == HTTPStatus.FOUND
        assert response.url.startswith(reverse("admin:login"))
    assert Person.objects.get(pk=subject.pk).name == NAME
    assert not Erasure.objects.exists()


def test_editor_cannot_export_or_erase_a_user_account(client, editor, liaison):
    client.force_login(editor)

    exported = _action(client, "auth_user", "export_personal_data", liaison.pk)
    erased = client.post(_erase_url("auth_user", liaison.pk))

    assert exported.get("Content-Type", "").startswith("text/html")
    assert erased.status_code == HTTPStatus.FORBIDDEN
    liaison.refresh_from_db()
    assert liaison.is_active


def test_superuser_exports_and_erases_a_user_account(client, superuser, liaison):
    client.force_login(superuser)

    exported = _action(client, "auth_user", "export_personal_data", liaison.pk)
    confirmation = client.get(_erase_url("auth_user", liaison.pk))
    erased = client.post(_erase_url("auth_user", liaison.pk))

    assert json.loads(exported.content)["user"]["username"] == "liaison"
    assert f"erased-user-{liaison.pk}" in confirmation.content.decode()
    assert erased.status_code == HTTPStatus.FOUND
    liaison.refresh_from_db()
    assert not liaison.is_active


def test_liaison_downloads_its_own_data_and_no_one_elses(
    client, liaison, other_liaison
):
    client.force_login(liaison)

    response = client.get(reverse("portal:personal-data"))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["user"]["username"] == "liaison"
    assert "other-liaison" not in response.content.decode()


def test_portal_home_links_to_the_download(client, liaison):
    client.force_login(liaison)

    response = client.get(reverse("portal:dashboard"))

    assert reverse("portal:personal-data") in response.content.decode()


def test_anonymous_visitor_is_sent_to_log_in_for_the_download(client):
    response = client.get(reverse("portal:personal-data"))

    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse("login"))


def test_user_without_a_city_gets_no_download(client, editor):
    client.force_login(editor)

    response = client.get(reverse("portal:personal-data"))

    assert response.status_code == HTTPStatus.FORBIDDEN


def test_liaison_cannot_erase_itself_from_the_portal(client, liaison):
    client.force_login(liaison)

    response = client.post(reverse("portal:personal-data"))

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    liaison.refresh_from_db()
    assert liaison.is_active


def test_editor_reads_the_erasure_log_which_names_no_one(client, editor, subject):
    from privacy.erase import person_erase

    erasure = person_erase(person=subject, by=editor)
    client.force_login(editor)

    listing = client.get(reverse("admin:privacy_erasure_changelist"))
    detail = client.get(reverse("admin:privacy_erasure_change", args=[erasure.pk]))

    assert listing.status_code == detail.status_code == HTTPStatus.OK
    assert "History rows scrubbed: 3" in detail.content.decode()
    assert NAME not in listing.content.decode() + detail.content.decode()
