"""What every admin page of the three apps does: access, cost, CSV export, history."""

import csv
import datetime
import io
from dataclasses import dataclass
from http import HTTPStatus

import factory
import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.templatetags.admin_list import result_headers
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst

from tests import factories
from tests.admin_utils import admin_url, changeform_data

pytestmark = pytest.mark.django_db

# A changelist must not cost more, whatever its length.
MAX_CHANGELIST_QUERIES = 10


class NewsPostFactory(factories.NewsPostFactory):
    # The admin's publish time has no microseconds: an untouched field stays as is.
    published_at = factory.LazyFunction(
        lambda: timezone.now().replace(microsecond=0) - datetime.timedelta(hours=1)
    )


@dataclass(frozen=True)
class AdminModel:
    factory: type
    first_column: object  # obj -> the text of its first column in the changelist


ADMIN_MODELS = {
    "members.region": AdminModel(factories.RegionFactory, lambda o: o.name),
    "members.membercity": AdminModel(factories.MemberCityFactory, lambda o: o.name),
    "members.person": AdminModel(factories.PersonFactory, lambda o: o.name),
    "members.boardmandate": AdminModel(
        factories.BoardMandateFactory, lambda o: o.member.name
    ),
    "members.regionalsecretariat": AdminModel(
        factories.RegionalSecretariatFactory, lambda o: o.member.name
    ),
    "members.liaison": AdminModel(factories.LiaisonFactory, lambda o: o.user.username),
    "alliances.strategicactionplan": AdminModel(
        factories.StrategicActionPlanFactory, lambda o: o.title
    ),
    "alliances.alliance": AdminModel(factories.AllianceFactory, lambda o: o.title),
    "alliances.alliancesignatory": AdminModel(
        factories.AllianceSignatoryFactory, lambda o: o.person.name
    ),
    "alliances.allianceextension": AdminModel(
        factories.AllianceExtensionFactory, lambda o: o.alliance.title
    ),
    "news.category": AdminModel(factories.CategoryFactory, lambda o: o.name),
    "news.newspost": AdminModel(NewsPostFactory, lambda o: o.title),
}
# Objectives are edited inline on their plan.
INLINE_ONLY = {"alliances.planobjective"}

# For each model with a history: a field changed through the change form.
HISTORY_CHANGES = {
    "members.membercity": ("summary", "A port city on the Pearl River."),
    "members.boardmandate": ("end_date", "2024-12-31"),
    "members.regionalsecretariat": ("end_date", "2024-06-30"),
    "alliances.alliance": ("counterpart", "Guangzhou Foreign Affairs Office"),
    "alliances.allianceextension": ("note", "Agreed by letter."),
    "news.newspost": ("summary", "A new summary."),
}


def exported_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_every_model_of_the_apps_has_an_admin():
    models = {
        model._meta.label_lower
        for label in ("members", "alliances", "news")
        for model in apps.get_app_config(label).get_models()
        if not model.__name__.startswith("Historical")
    }
    assert models - INLINE_ONLY == set(ADMIN_MODELS)
    assert all(
        admin.site.is_registered(apps.get_model(label)) for label in ADMIN_MODELS
    )


def model_pages(label: str) -> list[str]:
    """The changelist, the add page, and the change and history pages of a row."""
    obj = ADMIN_MODELS[label].factory()
    return [
        admin_url(label, "changelist"),
        admin_url(label, "add"),
        admin_url(label, "change", obj.pk),
        admin_url(label, "history", obj.pk),
    ]


@pytest.mark.parametrize("label", ADMIN_MODELS)
def test_editor_opens_every_admin_page(editor_client, label):
    for url in model_pages(label):
        response = editor_client.get(url)

        assert response.status_code == HTTPStatus.OK, url


@pytest.mark.parametrize("label", ADMIN_MODELS)
def test_anonymous_visitor_is_sent_to_the_admin_login(client, label):
    for url in model_pages(label):
        response = client.get(url)

        assert response.status_code == HTTPStatus.FOUND, url
        assert response.url == f"{reverse('admin:login')}?next={url}"


@pytest.mark.parametrize("label", ADMIN_MODELS)
def test_liaison_is_sent_to_the_admin_login(client, liaison, label):
    client.force_login(liaison)
    for url in model_pages(label):
        response = client.get(url)

        assert response.status_code == HTTPStatus.FOUND, url
        assert response.url == f"{reverse('admin:login')}?next={url}"


@pytest.mark.parametrize("label", ADMIN_MODELS)
def test_changelist_costs_the_same_for_5_and_50_rows(
    editor_client, label, django_assert_max_num_queries
):
    factory = ADMIN_MODELS[label].factory
    url = admin_url(label, "changelist")
    factory.create_batch(4)
    editor_client.get(url)  # Warm the per-process caches (content types, …).
    # Both measured views come right after a write: both count their rows.
    factory.create_batch(1)
    with (
        django_assert_max_num_queries(MAX_CHANGELIST_QUERIES),
        CaptureQueriesContext(connection) as five,
    ):
        editor_client.get(url)
    factory.create_batch(45)

    with CaptureQueriesContext(connection) as fifty:
        response = editor_client.get(url)

    assert response.context["cl"].result_count == 50
    assert len(fifty) == len(five)


# Changelists narrowed to fit a laptop screen export the columns they leave
# to their filters too.
EXPORT_HEADERS = {
    "members.membercity": [
        "Name",
        "Country",
        "Region",
        "Category",
        "Status",
        "Joined in",
        "Population",
        "Megacity",
        "Board role",
    ],
    "alliances.alliance": [
        "Title",
        "Kind",
        "Counterpart",
        "Granting member",
        "Signed on",
        "End date",
        "Status",
        "Days remaining",
    ],
}


@pytest.mark.parametrize("label", ADMIN_MODELS)
def test_csv_export_holds_the_selected_rows_under_the_column_labels(
    editor_client, label
):
    spec = ADMIN_MODELS[label]
    first, _, third = spec.factory.create_batch(3)
    url = admin_url(label, "changelist")
    headers = (
        EXPORT_HEADERS.get(label)
        or [
            capfirst(header["text"])
            for header in result_headers(editor_client.get(url).context["cl"])
        ][1:]
    )  # Not the checkbox column.

    response = editor_client.post(
        url, {"action": "export_as_csv", "_selected_action": [first.pk, third.pk]}
    )

    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    header, *rows = exported_rows(response)
    assert header == headers
    assert sorted(row[0] for row in rows) == sorted(
        [spec.first_column(first), spec.first_column(third)]
    )


def test_csv_export_writes_yes_no_and_iso_dates(editor_client):
    alliance = factories.AllianceFactory()

    response = editor_client.post(
        admin_url("alliances.alliance", "changelist"),
        {"action": "export_as_csv", "_selected_action": [alliance.pk]},
    )

    (row,) = csv.DictReader(io.StringIO(response.content.decode()))
    assert row["Signed on"] == "2021-07-15"
    assert row["End date"] == "2024-07-14"
    assert row["Kind"] == "Alliance with a partner"


def test_csv_export_writes_booleans_as_yes_and_no(editor_client):
    city = factories.MemberCityFactory(population=22_000_000)

    response = editor_client.post(
        admin_url("members.membercity", "changelist"),
        {"action": "export_as_csv", "_selected_action": [city.pk]},
    )

    (row,) = csv.DictReader(io.StringIO(response.content.decode()))
    assert row["Megacity"] == "yes"
    assert row["Population"] == "22000000"


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@"])
def test_csv_export_defuses_formulas(editor_client, prefix):
    name = f'{prefix}HYPERLINK("http://evil.example","x")'
    city = factories.MemberCityFactory(name=name)

    response = editor_client.post(
        admin_url("members.membercity", "changelist"),
        {"action": "export_as_csv", "_selected_action": [city.pk]},
    )

    (row,) = csv.DictReader(io.StringIO(response.content.decode()))
    assert row["Name"] == f"'{name}"


def test_staff_without_permissions_cannot_export(client):
    city = factories.MemberCityFactory()
    client.force_login(factories.UserFactory(is_staff=True))

    response = client.post(
        admin_url("members.membercity", "changelist"),
        {"action": "export_as_csv", "_selected_action": [city.pk]},
    )

    assert response.status_code == HTTPStatus.FORBIDDEN


@pytest.mark.parametrize("label", HISTORY_CHANGES)
def test_change_through_the_admin_is_in_the_history_with_its_author(
    editor_client, editor, label
):
    field, value = HISTORY_CHANGES[label]
    obj = ADMIN_MODELS[label].factory()
    url = admin_url(label, "change", obj.pk)
    data = changeform_data(editor_client.get(url))
    data[field] = value

    response = editor_client.post(url, data)

    assert response.status_code == HTTPStatus.FOUND, response.context["errors"]
    latest = obj.history.latest()
    assert latest.history_user == editor
    changes = latest.diff_against(latest.prev_record).changed_fields
    assert changes == [field]


@pytest.mark.parametrize("label", HISTORY_CHANGES)
def test_admin_history_page_shows_who_changed_what(editor_client, editor, label):
    field, value = HISTORY_CHANGES[label]
    obj = ADMIN_MODELS[label].factory()
    url = admin_url(label, "change", obj.pk)
    data = changeform_data(editor_client.get(url))
    data[field] = value
    editor_client.post(url, data)

    response = editor_client.get(admin_url(label, "history", obj.pk))

    assert response.status_code == HTTPStatus.OK
    verbose_name = capfirst(obj._meta.get_field(field).verbose_name)
    assert f"<strong>{verbose_name}:</strong>" in response.content.decode()
    assert f">{editor.username}</a>" in response.content.decode()
