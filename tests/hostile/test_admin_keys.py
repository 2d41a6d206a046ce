"""A key that is no key ("abc", or 10**20, beyond any integer column) sent by
an admin form is refused with the form's own message, not a 500: by the
autocomplete widgets and the many-to-many fields of every admin registered on
the site (core.admin_site), not by a replacement of Django's `__in` lookup."""

from http import HTTPStatus

import pytest
from django.contrib import admin
from django.urls import reverse

from core.admin_site import SafeInputMixin
from members.models import MemberCity
from news.models import NewsPost
from tests import factories

pytestmark = pytest.mark.django_db

NOT_KEYS = ["abc", str(10**20), "-1.5", "1e309"]


def test_every_admin_and_inline_checks_keys():
    for model_admin in admin.site._registry.values():
        assert isinstance(model_admin, SafeInputMixin), model_admin
        for inline in model_admin.inlines:
            assert issubclass(inline, SafeInputMixin), inline


def test_djangos_in_lookup_is_djangos_own():
    # No project-wide replacement: a bad key in code is a bug that shows.
    with pytest.raises(ValueError):
        list(MemberCity.objects.filter(pk__in=["abc"]))


@pytest.mark.parametrize("key", NOT_KEYS)
def test_an_autocomplete_field_refuses_a_key_that_is_no_key(client, superuser, key):
    client.force_login(superuser)
    category = factories.CategoryFactory()

    response = client.post(
        reverse("admin:news_newspost_add"),
        {
            "title": "A post",
            "slug": "a-post",
            "category": category.pk,
            "status": NewsPost.Status.DRAFT,
            "body": "Body.",
            "related_members": [key],
        },
    )

    assert response.status_code == HTTPStatus.OK
    assert "related_members" in response.context["adminform"].form.errors
    assert not NewsPost.objects.exists()


@pytest.mark.parametrize("key", NOT_KEYS)
def test_a_foreign_key_autocomplete_refuses_a_key_that_is_no_key(
    client, superuser, key
):
    client.force_login(superuser)
    alliance = factories.AllianceFactory()

    response = client.get(
        reverse("admin:alliances_alliance_change", args=[alliance.pk])
    )
    form = response.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    response = client.post(
        reverse("admin:alliances_alliance_change", args=[alliance.pk]),
        {**data, "granting_member": key},
    )

    assert response.status_code == HTTPStatus.OK
    assert "granting_member" in response.context["adminform"].form.errors


@pytest.mark.parametrize("key", NOT_KEYS)
def test_the_user_admins_groups_refuse_a_key_that_is_no_key(client, superuser, key):
    client.force_login(superuser)

    response = client.post(
        reverse("admin:auth_group_add"), {"name": "Editors", "permissions": [key]}
    )

    assert response.status_code == HTTPStatus.OK
    assert "permissions" in response.context["adminform"].form.errors
