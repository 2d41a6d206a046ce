"""The stored end (`Alliance.ends_on`) follows the term and the extensions on
every write path: the services, and the admin, the API and a restore through
them."""

import datetime
from http import HTTPStatus
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from alliances.models import Alliance, AllianceExtension
from alliances.services import (
    alliance_extend,
    alliance_extension_delete,
    alliance_extension_save,
    alliance_extensions_delete,
    alliance_save,
)
from tests import factories
from tests.admin_utils import admin_url, changeform_data
from tests.backup_utils import empty_the_database

pytestmark = pytest.mark.django_db

D = datetime.date
# The factory's alliance: three years from 15 July 2021.
END = D(2024, 7, 14)


def stored_end(alliance: Alliance) -> datetime.date | None:
    return Alliance.objects.values_list("ends_on", flat=True).get(pk=alliance.pk)


# The services


def test_a_new_alliance_stores_the_end_of_its_term():
    alliance = factories.AllianceFactory()

    assert alliance.ends_on == END
    assert stored_end(alliance) == END


def test_a_term_from_29_february_stores_28_february():
    alliance = factories.AllianceFactory(start_date=D(2024, 2, 29), term_years=4)

    assert stored_end(alliance) == D(2028, 2, 28)


def test_an_alliance_without_a_term_stores_no_end():
    alliance = factories.AllianceFactory(
        signed_on=None, start_date=None, term_years=None
    )

    assert stored_end(alliance) is None


def test_changing_the_start_moves_the_stored_end():
    alliance = factories.AllianceFactory()

    alliance.start_date = D(2022, 1, 1)
    alliance_save(alliance=alliance)

    assert stored_end(alliance) == D(2024, 12, 31)


def test_changing_the_term_moves_the_stored_end():
    alliance = factories.AllianceFactory()

    alliance.term_years = 5
    alliance_save(alliance=alliance)

    assert stored_end(alliance) == D(2026, 7, 14)


def test_saving_an_extended_alliance_keeps_the_extension_end():
    alliance = factories.AllianceFactory()
    factories.AllianceExtensionFactory(alliance=alliance, new_end_date=D(2025, 7, 14))
    alliance = Alliance.objects.get()

    alliance.summary = "Renewed."
    alliance_save(alliance=alliance)

    assert stored_end(alliance) == D(2025, 7, 14)


def test_an_extension_moves_the_stored_end():
    alliance = factories.AllianceFactory()

    factories.AllianceExtensionFactory(alliance=alliance, new_end_date=D(2025, 7, 14))

    assert alliance.end_date == D(2025, 7, 14)
    assert stored_end(alliance) == D(2025, 7, 14)


def test_the_latest_extension_sets_the_stored_end():
    alliance = factories.AllianceFactory()
    factories.AllianceExtensionFactory(alliance=alliance, new_end_date=D(2026, 7, 14))

    factories.AllianceExtensionFactory(alliance=alliance, new_end_date=D(2025, 7, 14))

    assert stored_end(alliance) == D(2026, 7, 14)


def test_changing_an_extension_moves_the_stored_end():
    alliance = factories.AllianceFactory()
    factories.AllianceExtensionFactory(alliance=alliance, new_end_date=D(2025, 7, 14))
    extension = AllianceExtension.objects.get()

    extension.new_end_date = D(2025, 12, 31)
    alliance_extension_save(extension=extension)

    assert stored_end(alliance) == D(2025, 12, 31)


def test_deleting_the_latest_extension_moves_the_stored_end_back():
    alliance = factories.AllianceFactory()
    factories.AllianceExtensionFactory(alliance=alliance, new_end_date=D(2025, 7, 14))
    latest = factories.AllianceExtensionFactory(
        alliance=alliance, new_end_date=D(2026, 7, 14)
    )

    alliance_extension_delete(extension=AllianceExtension.objects.get(pk=latest.pk))

    assert stored_end(alliance) == D(2025, 7, 14)


def test_deleting_every_extension_brings_back_the_agreed_end():
    alliance = factories.AllianceFactory()
    factories.AllianceExtensionFactory(alliance=alliance, new_end_date=D(2025, 7, 14))
    factories.AllianceExtensionFactory(alliance=alliance, new_end_date=D(2026, 7, 14))

    alliance_extensions_delete(extensions=AllianceExtension.objects.all())

    assert stored_end(alliance) == END


def test_moving_an_extension_to_another_alliance_moves_both_ends():
    first = factories.AllianceFactory()
    second = factories.AllianceFactory()
    factories.AllianceExtensionFactory(alliance=first, new_end_date=D(2025, 7, 14))
    extension = AllianceExtension.objects.get()

    extension.alliance = second
    alliance_extension_save(extension=extension)

    assert stored_end(first) == END
    assert stored_end(second) == D(2025, 7, 14)


def test_an_alliance_goes_with_its_extensions():
    alliance = factories.AllianceFactory()
    factories.AllianceExtensionFactory(alliance=alliance)

    alliance.delete()

    assert not Alliance.objects.exists()
    assert not AllianceExtension.objects.exists()


# The service, the API and the admin


def test_the_extend_service_moves_the_stored_end():
    alliance = factories.AllianceFactory()

    alliance_extend(
        alliance=alliance, new_end_date=D(2025, 7, 14), agreed_on=D(2024, 6, 1)
    )

    assert alliance.ends_on == D(2025, 7, 14)
    assert stored_end(alliance) == D(2025, 7, 14)


def test_the_api_extend_action_moves_the_stored_end(editor_api):
    alliance = factories.AllianceFactory()

    response = editor_api.post(
        reverse("api:alliance-extend", args=[alliance.slug]),
        {"new_end_date": "2025-07-14", "agreed_on": "2024-06-01"},
    )

    assert response.status_code == HTTPStatus.CREATED, response.content
    assert response.json()["end_date"] == "2025-07-14"
    assert stored_end(alliance) == D(2025, 7, 14)


def test_an_api_change_of_the_term_moves_the_stored_end(editor_api):
    alliance = factories.AllianceFactory()

    response = editor_api.patch(
        reverse("api:alliance-detail", args=[alliance.slug]), {"term_years": 4}
    )

    assert response.status_code == HTTPStatus.OK, response.content
    assert response.json()["end_date"] == "2025-07-14"
    assert stored_end(alliance) == D(2025, 7, 14)


def test_an_admin_change_of_the_start_moves_the_stored_end(editor_client):
    alliance = factories.AllianceFactory()
    url = admin_url("alliances.alliance", "change", alliance.pk)
    data = changeform_data(editor_client.get(url))
    data["start_date"] = "2022-01-01"

    response = editor_client.post(url, data)

    assert response.status_code == HTTPStatus.FOUND
    assert stored_end(alliance) == D(2024, 12, 31)


def test_an_extension_added_inline_in_the_admin_moves_the_stored_end(editor_client):
    alliance = factories.AllianceFactory()
    url = admin_url("alliances.alliance", "change", alliance.pk)
    data = changeform_data(editor_client.get(url))
    data.update(
        {
            "extensions-TOTAL_FORMS": 1,
            "extensions-0-new_end_date": "2025-07-14",
            "extensions-0-agreed_on": "2024-06-01",
        }
    )

    response = editor_client.post(url, data)

    assert response.status_code == HTTPStatus.FOUND
    assert stored_end(alliance) == D(2025, 7, 14)


def test_an_extension_deleted_inline_in_the_admin_moves_the_stored_end(
    editor_client,
):
    alliance = factories.AllianceFactory()
    factories.AllianceExtensionFactory(alliance=alliance, new_end_date=D(2025, 7, 14))
    url = admin_url("alliances.alliance", "change", alliance.pk)
    data = changeform_data(editor_client.get(url))
    data["extensions-0-DELETE"] = "on"

    response = editor_client.post(url, data)

    assert response.status_code == HTTPStatus.FOUND
    assert not AllianceExtension.objects.exists()
    assert stored_end(alliance) == END


def test_extensions_deleted_together_in_the_admin_move_the_stored_end(
    editor_client,
):
    alliance = factories.AllianceFactory()
    extensions = [
        factories.AllianceExtensionFactory(alliance=alliance, new_end_date=end)
        for end in (D(2025, 7, 14), D(2026, 7, 14))
    ]

    response = editor_client.post(
        admin_url("alliances.allianceextension", "changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [extension.pk for extension in extensions],
            "post": "yes",
        },
    )

    assert response.status_code == HTTPStatus.FOUND
    assert not AllianceExtension.objects.exists()
    assert stored_end(alliance) == END


# A restore


@pytest.mark.usefixtures("fresh_content_types")
def test_a_restore_brings_back_the_stored_ends(tmp_path):
    extended = factories.AllianceFactory()
    factories.AllianceExtensionFactory(alliance=extended, new_end_date=D(2025, 7, 14))
    factories.AllianceFactory(signed_on=None, start_date=None, term_years=None)
    before = dict(Alliance.objects.values_list("slug", "ends_on"))
    path = tmp_path / "backup.json.gz"
    call_command("export_data", str(path), stdout=StringIO())
    empty_the_database()

    call_command("import_data", str(path), stdout=StringIO())

    assert dict(Alliance.objects.values_list("slug", "ends_on")) == before
    assert before[extended.slug] == D(2025, 7, 14)
