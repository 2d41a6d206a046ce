"""After an erasure the person is gone from every page, the API, the history
and a backup taken after; the city's mandates and agreements are not."""

import gzip
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from members.models import Person
from privacy.erase import person_erase, user_erase
from tests import factories
from tests.privacy.conftest import names_in

pytestmark = pytest.mark.django_db


def _public_pages(client) -> dict[str, str]:
    client.logout()
    urls = {
        "member page": reverse("members:member-detail", args=["guangzhou"]),
        "alliance page": reverse(
            "alliances:alliance-detail", args=["guangzhou-innovation"]
        ),
        "secretariats": reverse("members:secretariats"),
    }
    return {name: client.get(url).content.decode() for name, url in urls.items()}


def _portal_pages(client, liaison) -> dict[str, str]:
    client.force_login(liaison)
    return {
        "portal contacts": client.get(reverse("portal:contacts")).content.decode(),
    }


def _api(editor, person) -> dict[str, str]:
    api = APIClient()
    api.force_login(editor)
    urls = {
        "API people": reverse("api:person-list"),
        "API person": reverse("api:person-detail", args=[person.pk]),
        "API alliance": reverse("api:alliance-detail", args=["guangzhou-innovation"]),
        "API secretariats": reverse("api:regionalsecretariat-list"),
    }
    return {name: api.get(url).content.decode() for name, url in urls.items()}


def _admin(client, editor, person) -> dict[str, str]:
    client.force_login(editor)
    urls = {
        "admin person": reverse("admin:members_person_change", args=[person.pk]),
        "admin history": reverse("admin:members_person_history", args=[person.pk]),
    }
    pages = {name: client.get(url).content.decode() for name, url in urls.items()}
    csv_export = client.post(
        reverse("admin:members_person_changelist"),
        {"action": "export_as_csv", "_selected_action": [person.pk]},
    )
    return {**pages, "admin CSV export": csv_export.content.decode()}


def _backup(tmp_path) -> dict[str, str]:
    path = tmp_path / "after.json.gz"
    call_command("export_data", str(path), stdout=StringIO())
    return {"backup": gzip.decompress(path.read_bytes()).decode()}


def _everywhere(client, editor, liaison, person, tmp_path) -> dict[str, str]:
    return {
        **_public_pages(client),
        **_portal_pages(client, liaison),
        **_api(editor, person),
        **_admin(client, editor, person),
        **_backup(tmp_path),
    }


def test_erased_person_is_gone_from_pages_api_admin_and_backup(
    client, editor, liaison, subject, tmp_path
):
    before = _everywhere(client, editor, liaison, subject, tmp_path)
    assert {source for source, text in before.items() if names_in(text)} == set(before)

    person_erase(person=subject, by=editor)

    after = _everywhere(client, editor, liaison, subject, tmp_path)
    assert {source: names_in(text) for source, text in after.items()} == {
        source: [] for source in after
    }
    assert f"Erased person #{subject.pk}" in after["API alliance"]


def test_the_citys_record_is_whole_after_the_erasure(client, editor, subject):
    mandates = [(m.role, m.start_date) for m in subject.organisation.mandates.all()]
    assert mandates
    alliance = subject.alliance_contacts.get()

    person_erase(person=subject, by=editor)

    member = subject.organisation
    assert [(m.role, m.start_date) for m in member.mandates.all()] == mandates
    response = client.get(alliance.get_absolute_url())
    assert alliance.title in response.content.decode()
    assert Person.objects.get(pk=subject.pk).signatures.get().alliance == alliance


def test_erased_liaison_is_gone_from_the_backup(member, superuser, tmp_path):
    liaison = factories.LiaisonFactory(
        user__username="quentin-marlowe", member=member
    ).user
    factories.NewsPostFactory(author=liaison, title="Kept post")

    user_erase(user=liaison, by=superuser)

    text = _backup(tmp_path)["backup"]
    assert "quentin-marlowe" not in text
    assert "Kept post" in text
