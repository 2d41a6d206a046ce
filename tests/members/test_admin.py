import datetime
from http import HTTPStatus

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse

from members.models import BoardMandate, MemberCity, RegionalSecretariat
from members.permissions import SECRETARIAT_GROUP
from tests import factories
from tests.admin_utils import admin_url, changeform_data

pytestmark = pytest.mark.django_db

SECRETARIAT_MODELS = [
    model
    for label in ("members", "alliances", "news")
    for model in apps.get_app_config(label).get_models()
]


@pytest.mark.parametrize("model", SECRETARIAT_MODELS, ids=lambda m: m._meta.label)
def test_secretariat_group_may_do_everything_on_every_model(model):
    opts = model._meta
    granted = set(
        Group.objects.get(name=SECRETARIAT_GROUP)
        .permissions.filter(content_type__app_label=opts.app_label)
        .values_list("codename", flat=True)
    )

    assert {
        f"{action}_{opts.model_name}" for action in ("add", "change", "delete", "view")
    } <= granted


def test_secretariat_group_may_look_users_up_but_not_change_them(editor):
    assert editor.has_perm("auth.view_user")
    assert not editor.has_perm("auth.change_user")


def test_editor_finds_a_user_to_make_liaison(editor_client, member):
    user = factories.UserFactory(username="zhan.decun")

    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "members",
            "model_name": "liaison",
            "field_name": "user",
            "term": "zhan",
        },
    )

    assert response.status_code == HTTPStatus.OK
    assert response.json()["results"] == [{"id": str(user.pk), "text": "zhan.decun"}]


def test_editor_links_a_liaison_on_the_member_city_page(editor_client, member):
    user = factories.UserFactory()
    url = admin_url("members.membercity", "change", member.pk)
    data = changeform_data(editor_client.get(url))
    data.update({"liaisons-TOTAL_FORMS": 1, "liaisons-0-user": user.pk})

    response = editor_client.post(url, data)

    assert response.status_code == HTTPStatus.FOUND
    assert user.liaison.member == member


def test_region_list_shows_how_many_members_it_has(editor_client):
    region = factories.RegionFactory(name="Africa")
    factories.MemberCityFactory.create_batch(3, region=region)

    response = editor_client.get(admin_url("members.region", "changelist"))

    assert '<td class="field-member_count">3</td>' in response.content.decode()


def test_member_list_shows_population_and_current_board_role(editor_client, member):
    member.population = 22_000_000
    member.save()
    factories.BoardMandateFactory(
        member=member,
        role=BoardMandate.Role.CO_PRESIDENT,
        start_date=datetime.date(2014, 1, 1),
        end_date=datetime.date(2019, 12, 31),
    )
    factories.BoardMandateFactory(
        member=member,
        role=BoardMandate.Role.PRESIDENT,
        start_date=datetime.date(2020, 1, 1),
    )

    response = editor_client.get(admin_url("members.membercity", "changelist"))

    content = response.content.decode()
    assert '<td class="field-board_roles">President</td>' in content
    assert '<td class="field-population">22000000</td>' in content


def test_member_list_keeps_five_columns_to_fit_a_laptop_screen(editor_client, member):
    response = editor_client.get(admin_url("members.membercity", "changelist"))

    assert response.context["cl"].list_display == [
        "action_checkbox",
        "name",
        "country_name",
        "join_year",
        "population",
        "board_roles",
    ]


def test_megacity_filter_keeps_megacities(editor_client, member, other_member):
    member.population = 22_000_000
    member.save()

    response = editor_client.get(
        admin_url("members.membercity", "changelist"), {"megacity": "yes"}
    )

    assert list(response.context["cl"].result_list) == [member]


def test_people_are_found_by_organisation(editor_client, member):
    person = factories.PersonFactory(organisation=member)
    factories.PersonFactory()

    response = editor_client.get(
        admin_url("members.person", "changelist"), {"q": "guangzhou"}
    )

    assert list(response.context["cl"].result_list) == [person]


def test_second_president_over_the_same_days_is_refused_on_the_field(
    editor_client, member, other_member
):
    factories.BoardMandateFactory(
        member=member,
        role=BoardMandate.Role.PRESIDENT,
        start_date=datetime.date(2020, 1, 1),
    )

    response = editor_client.post(
        admin_url("members.boardmandate", "add"),
        {
            "member": other_member.pk,
            "role": BoardMandate.Role.PRESIDENT,
            "start_date": "2022-01-01",
        },
    )

    assert response.status_code == HTTPStatus.OK
    (error,) = response.context["adminform"].form.errors["start_date"]
    assert error.startswith("Guangzhou is already President from 2020-01-01")
    assert not other_member.mandates.exists()


def test_a_mandate_added_in_the_admin_is_written_by_the_board_service(
    editor_client, member, monkeypatch
):
    import members.admin

    written = []
    service = members.admin.mandate_save
    monkeypatch.setattr(
        members.admin,
        "mandate_save",
        lambda *, mandate: written.append(mandate) or service(mandate=mandate),
    )

    response = editor_client.post(
        admin_url("members.boardmandate", "add"),
        {
            "member": member.pk,
            "role": BoardMandate.Role.VICE_PRESIDENT,
            "start_date": "2022-01-01",
        },
    )

    assert response.status_code == HTTPStatus.FOUND
    (mandate,) = written
    assert member.mandates.get() == mandate


def test_two_presidents_over_the_same_days_in_one_form_are_refused(
    editor_client, member
):
    url = admin_url("members.membercity", "change", member.pk)
    data = changeform_data(editor_client.get(url))
    data.update({"summary": "Changed", "mandates-TOTAL_FORMS": 2})
    for i, start in enumerate(["2020-01-01", "2021-01-01"]):
        data.update(
            {f"mandates-{i}-role": "president", f"mandates-{i}-start_date": start}
        )

    response = editor_client.post(url, data)

    assert response.status_code == HTTPStatus.OK
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.errors[1]["start_date"] == [
        "There is at most one President on any day."
    ]
    member.refresh_from_db()
    assert member.summary == ""
    assert not member.mandates.exists()


def test_overlapping_secretariats_of_one_region_are_refused_on_the_field(
    editor_client, member, other_member
):
    factories.RegionalSecretariatFactory(member=member)

    response = editor_client.post(
        admin_url("members.regionalsecretariat", "add"),
        {
            "region": member.region.pk,
            "member": other_member.pk,
            "start_date": "2023-01-01",
        },
    )

    assert response.status_code == HTTPStatus.OK
    assert (
        "cannot overlap" in response.context["adminform"].form.errors["start_date"][0]
    )
    assert RegionalSecretariat.objects.count() == 1


def test_join_year_before_the_founding_is_refused_on_the_field(editor_client):
    region = factories.RegionFactory()
    url = admin_url("members.membercity", "add")
    data = changeform_data(editor_client.get(url))
    data.update(
        {
            "name": "Old Town",
            "slug": "old-town",
            "country": "ES",
            "region": region.pk,
            "join_year": 1900,
        }
    )

    response = editor_client.post(url, data)

    assert response.status_code == HTTPStatus.OK
    assert response.context["adminform"].form.errors["join_year"] == [
        "The association was founded in 1985: a member cannot have joined before."
    ]
    assert not MemberCity.objects.exists()
