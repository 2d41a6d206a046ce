"""Backup and restore: `export_data` writes every record, history included, and
`import_data` restores it into an empty migrated database, every row and every
field equal, in one transaction; new records then get new ids."""

import gzip
import json
from http import HTTPStatus
from io import StringIO
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError
from django.urls import reverse
from rest_framework.test import APIClient

from alliances.models import Alliance
from members.models import MemberCity
from members.permissions import SECRETARIAT_GROUP
from news.models import NewsPost
from partners.models import PartnerKey
from tests import factories
from tests.admin_utils import admin_url
from tests.backup_utils import empty_the_database
from tools.demo.data import NEWS_POST
from tools.demo.services import load_demo

# Tests here flush the database: see tests/backup_utils.py.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_content_types")]

# Made by `migrate` in the database restored into, or never backed up; data
# versions change with every write (core.versions), restoring included.
NOT_RESTORED = {
    "contenttypes.ContentType",
    "auth.Permission",
    "sessions.Session",
    "core.DataVersion",
}


def serialized_database(*, include_axes: bool = False) -> dict[str, list[dict]]:
    """Every record of every model, history included, every field: content
    types and permissions by natural key, many-to-many links as sorted lists."""
    state = {}
    for model in apps.get_models():
        label = model._meta.label
        if label in NOT_RESTORED or (
            model._meta.app_label == "axes" and not include_axes
        ):
            continue
        records = serializers.serialize(
            "python",
            model._base_manager.order_by("pk"),
            use_natural_foreign_keys=True,
        )
        for record in records:
            for field in model._meta.many_to_many:
                record["fields"][field.name] = sorted(
                    record["fields"][field.name], key=repr
                )
        state[label] = records
    return state


def export(path, *args) -> str:
    out = StringIO()
    call_command("export_data", str(path), *args, stdout=out)
    return out.getvalue()


def restore(path) -> str:
    out = StringIO()
    call_command("import_data", str(path), stdout=out)
    return out.getvalue()


def backed_up_records(path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        return json.load(stream)


@pytest.fixture
def data(editor, editor_client, editor_api, liaison):
    """The demo data, then what people do: API writes (with their history),
    an admin change (with its log entry), a partner key, a liaison, a user's
    own permission."""
    load_demo()
    response = editor_api.post(
        reverse("api:strategicactionplan-list"),
        {
            "title": "Strategic Action Plan 2024–2026",
            "slug": "sap-2024-2026",
            "first_year": 2024,
            "last_year": 2026,
            "objectives": ["Climate", "Housing"],
        },
    )
    assert response.status_code == HTTPStatus.CREATED, response.content
    response = editor_api.patch(
        reverse("api:membercity-detail", args=["guangzhou"]),
        {"summary": "On the Pearl River."},
    )
    assert response.status_code == HTTPStatus.OK, response.content
    response = editor_client.post(
        admin_url("news.category", "add"), {"name": "Climate", "slug": "climate"}
    )
    assert response.status_code == HTTPStatus.FOUND
    PartnerKey.objects.create_key(
        name="Partner portal", owner=editor, scope=PartnerKey.Scope.READ
    )
    liaison.user_permissions.add(Permission.objects.get(codename="view_alliance"))


def test_a_restored_backup_equals_the_database_it_was_taken_from(data, tmp_path):
    before = serialized_database()
    backup = tmp_path / "backup.json.gz"
    export(backup)
    empty_the_database()

    restore(backup)

    assert serialized_database() == before


def test_a_backup_from_before_stored_ends_restores_the_alliances_ends(data, tmp_path):
    """Backups written before alliances stored their end date lack it."""
    ends = dict(Alliance.objects.values_list("slug", "ends_on"))
    backup = tmp_path / "backup.json.gz"
    export(backup)
    records = backed_up_records(backup)
    for record in records:
        if record["model"] == "alliances.alliance":
            del record["fields"]["ends_on"]
    with gzip.open(backup, "wt", encoding="utf-8") as stream:
        json.dump(records, stream)
    empty_the_database()

    restore(backup)

    assert dict(Alliance.objects.values_list("slug", "ends_on")) == ends
    assert any(end is not None for end in ends.values())


def test_the_round_trip_covers_history_keys_liaisons_and_the_admin_log(data):
    state = serialized_database()

    for label in [
        "members.HistoricalMemberCity",
        "news.HistoricalNewsPost_related_members",
        "partners.PartnerKey",
        "members.Liaison",
        "admin.LogEntry",
        "auth.User",
    ]:
        assert state[label], label


def test_new_records_after_a_restore_get_new_ids(data, tmp_path, editor):
    backup = tmp_path / "backup.json.gz"
    export(backup)
    empty_the_database()
    restore(backup)
    api = APIClient()
    api.force_login(editor)

    response = api.post(
        reverse("api:membercity-list"),
        {
            "name": "Lisbon",
            "slug": "lisbon",
            "country": "PT",
            "region_slug": "europe",
            "join_year": 1985,
        },
    )

    assert response.status_code == HTTPStatus.CREATED, response.content
    lisbon = MemberCity.objects.get(slug="lisbon")
    assert lisbon.history.get().history_user == editor
    post = NewsPost.objects.get(slug=NEWS_POST["slug"])
    post.related_members.add(lisbon)
    assert factories.UserFactory(username="newcomer").pk
    assert Group.objects.create(name="Auditors").pk


def test_the_backup_holds_history_and_names_permissions_by_natural_key(data, tmp_path):
    backup = tmp_path / "backup.json.gz"
    export(backup)

    records = backed_up_records(backup)

    models = {record["model"] for record in records}
    assert {"members.historicalmembercity", "news.historicalnewspost"} <= models
    assert not models & {"contenttypes.contenttype", "auth.permission"}
    assert "sessions.session" not in models
    (group,) = [r for r in records if r["model"] == "auth.group"]
    assert group["fields"]["name"] == SECRETARIAT_GROUP
    permissions = group["fields"]["permissions"]
    assert ["view_membercity", "members", "membercity"] in permissions


def test_a_restore_into_a_database_with_records_is_refused(data, tmp_path):
    backup = tmp_path / "backup.json.gz"
    export(backup)
    before = serialized_database()

    with pytest.raises(CommandError, match="The database is not empty"):
        restore(backup)

    assert serialized_database() == before


def test_a_restore_failing_half_way_restores_nothing(data, tmp_path):
    backup = tmp_path / "backup.json.gz"
    export(backup)
    records = backed_up_records(backup)
    # Last, a liaison whose user is not in the backup: everything before it
    # is written when it fails.
    records.append(
        {
            "model": "members.liaison",
            "pk": 999,
            "fields": {"user": ["nobody"], "member": 1},
        }
    )
    broken = tmp_path / "broken.json.gz"
    with gzip.open(broken, "wt", encoding="utf-8") as stream:
        json.dump(records, stream)
    empty_the_database()
    empty = serialized_database()

    with pytest.raises(Exception, match=r"Could not load members\.Liaison"):
        restore(broken)

    assert serialized_database() == empty


def test_login_attempts_are_backed_up_only_when_asked(client, tmp_path, liaison):
    client.post(reverse("login"), {"username": "liaison", "password": "wrong"})
    assert AccessAttempt.objects.exists()
    without, with_axes = tmp_path / "without.json.gz", tmp_path / "with.json.gz"

    export(without)
    export(with_axes, "--include-axes")

    assert "axes.accessattempt" not in {r["model"] for r in backed_up_records(without)}
    assert "axes.accessattempt" in {r["model"] for r in backed_up_records(with_axes)}


def test_login_attempts_backed_up_come_back(client, tmp_path, liaison):
    client.post(reverse("login"), {"username": "liaison", "password": "wrong"})
    before = serialized_database(include_axes=True)
    backup = tmp_path / "backup.json.gz"
    export(backup, "--include-axes")
    empty_the_database()

    restore(backup)

    assert serialized_database(include_axes=True) == before


def test_a_backup_name_must_say_it_is_gzipped_json(tmp_path):
    with pytest.raises(CommandError, match=r"\.json\.gz"):
        export(tmp_path / "backup.json")

    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_leaves_no_file(tmp_path):
    backup = tmp_path / "backup.json.gz"

    with (
        mock.patch(
            "tools.management.commands.export_data.write_backup",
            side_effect=OperationalError("server closed the connection unexpectedly"),
        ),
        pytest.raises(OperationalError),
    ):
        export(backup)

    assert list(tmp_path.iterdir()) == []
