import re
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests import factories
from tests.imports.utils import export, import_url, preview

pytestmark = pytest.mark.django_db

MODELS = ["membercity", "person", "boardmandate"]


@pytest.fixture
def viewer(client):
    """Staff who may view member cities, people and mandates, not change them."""
    user = factories.UserFactory(username="viewer", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="members", codename__startswith="view_"
        )
    )
    client.force_login(user)
    return client


@pytest.fixture
def bare_staff(client):
    client.force_login(factories.UserFactory(username="bare", is_staff=True))
    return client


@pytest.mark.parametrize("model", MODELS)
def test_the_changelist_offers_import_and_export_to_the_secretariat(
    admin_client, model
):
    response = admin_client.get(reverse(f"admin:members_{model}_changelist"))

    assert response.status_code == HTTPStatus.OK
    links = re.findall(
        r"href=[\'\"]([^\'\"]+)[\'\"] class=\"(?:import|export)_link",
        response.content.decode(),
    )
    export_url = reverse(f"admin:members_{model}_export")
    assert links == [import_url(model), export_url + "?"]


@pytest.mark.parametrize("model", MODELS)
def test_who_may_only_view_exports_and_does_not_import(viewer, model):
    response = viewer.get(reverse(f"admin:members_{model}_changelist"))

    assert import_url(model) not in response.content.decode()
    assert viewer.get(import_url(model)).status_code == HTTPStatus.FORBIDDEN
    assert export(viewer, model).status_code == HTTPStatus.OK


@pytest.mark.parametrize("model", MODELS)
def test_staff_without_permission_get_403(bare_staff, model):
    assert bare_staff.get(import_url(model)).status_code == HTTPStatus.FORBIDDEN
    url = reverse(f"admin:members_{model}_export")
    assert bare_staff.get(url).status_code == HTTPStatus.FORBIDDEN
    rows = [{"slug": "x"}]
    assert preview(bare_staff, model, rows).status_code == HTTPStatus.FORBIDDEN


@pytest.mark.parametrize("model", MODELS)
def test_a_liaison_cannot_reach_the_admin(liaison_client, model):
    for url in [import_url(model), reverse(f"admin:members_{model}_export")]:
        response = liaison_client.get(url)
        assert response.status_code == HTTPStatus.FOUND
        assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize("model", MODELS)
def test_the_import_page_lists_the_columns(admin_client, model):
    response = admin_client.get(import_url(model))

    assert response.status_code == HTTPStatus.OK
    ((_name, columns),) = response.context["fields_list"]
    assert ", ".join(columns) in response.content.decode()
