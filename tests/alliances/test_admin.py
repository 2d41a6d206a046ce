import datetime
from http import HTTPStatus

import pytest
from django.utils import formats, timezone

from alliances.models import Alliance, AllianceExtension
from core.db import term_end
from tests import factories
from tests.admin_utils import admin_url, changeform_data

pytestmark = pytest.mark.django_db


def running_alliance(**kwargs) -> Alliance:
    """An alliance in force: it started a year ago for three years."""
    start = timezone.localdate() - datetime.timedelta(days=365)
    return factories.AllianceFactory(signed_on=start, start_date=start, **kwargs)


def test_alliance_list_shows_end_date_and_status_with_days_remaining(editor_client):
    alliance = running_alliance(title="Guangzhou MoU")
    end = term_end(alliance.start_date, 3)

    response = editor_client.get(admin_url("alliances.alliance", "changelist"))

    content = response.content.decode()
    assert f'<td class="field-end_date nowrap">{formats.localize(end)}</td>' in content
    days = (end - timezone.localdate()).days + 1
    assert f'<td class="field-status">Active, {days} days left</td>' in content


def test_alliance_list_keeps_five_columns_to_fit_a_laptop_screen(editor_client):
    running_alliance()

    response = editor_client.get(admin_url("alliances.alliance", "changelist"))

    columns = response.context["cl"].list_display
    assert columns == [
        "action_checkbox",
        "title",
        "counterpart",
        "granting_member",
        "end_date",
        "status",
    ]


def test_alliance_page_shows_its_computed_end_date_and_status(editor_client):
    alliance = running_alliance()
    factories.AllianceExtensionFactory(
        alliance=alliance, new_end_date=datetime.date(2040, 7, 14)
    )

    response = editor_client.get(admin_url("alliances.alliance", "change", alliance.pk))

    assert response.status_code == HTTPStatus.OK
    fields = {
        field.field["name"]: field.contents()
        for fieldset in response.context["adminform"]
        for line in fieldset
        for field in line
        if field.is_readonly
    }
    assert fields["end_date"] == "2040-07-14"
    days = (datetime.date(2040, 7, 14) - timezone.localdate()).days + 1
    assert fields["status"] == f"Active, {days} days left"


def test_alliance_page_keeps_its_computed_fields_out_of_the_form(editor_client):
    alliance = running_alliance()
    url = admin_url("alliances.alliance", "change", alliance.pk)
    data = changeform_data(editor_client.get(url))

    response = editor_client.post(
        url, {**data, "end_date": "2099-01-01", "status": "expired"}
    )

    assert response.status_code == HTTPStatus.FOUND
    alliance.refresh_from_db()
    assert alliance.end_date == term_end(alliance.start_date, 3)


def test_alliance_list_counts_extensions_in_the_end_date(editor_client):
    alliance = factories.AllianceFactory()
    factories.AllianceExtensionFactory(
        alliance=alliance, new_end_date=datetime.date(2030, 7, 14)
    )

    response = editor_client.get(admin_url("alliances.alliance", "changelist"))

    assert (
        '<td class="field-end_date nowrap">July 14, 2030</td>'
        in response.content.decode()
    )


def test_status_filter_keeps_alliances_of_that_status(editor_client):
    running = running_alliance()
    factories.AllianceFactory()  # Ended on 14 July 2024.

    response = editor_client.get(
        admin_url("alliances.alliance", "changelist"), {"status": "active"}
    )

    assert list(response.context["cl"].result_list) == [running]


def test_granting_member_alliance_without_its_member_is_refused_on_the_field(
    editor_client,
):
    url = admin_url("alliances.alliance", "add")
    data = changeform_data(editor_client.get(url))
    data.update(
        {
            "title": "Guangzhou MoU",
            "slug": "guangzhou-mou",
            "kind": Alliance.Kind.GRANTING_MEMBER,
            "counterpart": "Guangzhou Foreign Affairs Office",
        }
    )

    response = editor_client.post(url, data)

    assert response.status_code == HTTPStatus.OK
    assert response.context["adminform"].form.errors["granting_member"] == [
        "An alliance with a granting member needs its granting member."
    ]
    assert not Alliance.objects.exists()


def test_editor_adds_a_signatory_on_the_alliance_page(editor_client):
    alliance = factories.AllianceFactory()
    person = factories.PersonFactory(name="Octavi de la Varga")
    url = admin_url("alliances.alliance", "change", alliance.pk)
    data = changeform_data(editor_client.get(url))
    data.update(
        {
            "signatories-TOTAL_FORMS": 1,
            "signatories-0-person": person.pk,
            "signatories-0-side": "association",
        }
    )

    response = editor_client.post(url, data)

    assert response.status_code == HTTPStatus.FOUND
    assert [str(s) for s in alliance.signatories.all()] == [
        "Octavi de la Varga (For the association)"
    ]


def test_extension_that_does_not_move_the_end_is_refused_on_the_field(editor_client):
    alliance = factories.AllianceFactory(summary="")
    url = admin_url("alliances.alliance", "change", alliance.pk)
    data = changeform_data(editor_client.get(url))
    data.update(
        {
            "summary": "Changed",
            "extensions-TOTAL_FORMS": 1,
            "extensions-0-new_end_date": "2024-07-14",
            "extensions-0-agreed_on": "2024-06-01",
        }
    )

    response = editor_client.post(url, data)

    assert response.status_code == HTTPStatus.OK
    formset = response.context["inline_admin_formsets"][1].formset
    assert formset.errors[0]["new_end_date"] == [
        "An extension must end after the current end date, 2024-07-14."
    ]
    alliance.refresh_from_db()
    assert alliance.summary == ""
    assert not AllianceExtension.objects.exists()


def test_plan_list_shows_how_many_objectives_it_has(editor_client):
    plan = factories.StrategicActionPlanFactory()
    factories.PlanObjectiveFactory.create_batch(4, plan=plan)

    response = editor_client.get(
        admin_url("alliances.strategicactionplan", "changelist")
    )

    assert '<td class="field-objective_count">4</td>' in response.content.decode()
