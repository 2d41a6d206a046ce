"""The admin in French shows no English string of ours: its front page, and every
list and add form of the project's models, read by a superuser whose browser asks
for French, compared against the catalogue as the site's pages are. Django's own
words come from Django's catalogues and are not ours to check."""

from http import HTTPStatus

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.catalogue.test_catalogues import TRANSLATED
from tests.catalogue.test_pages_translated import english_left, written
from tests.metropolis.test_no_external_sources import body

pytestmark = pytest.mark.django_db

OURS = {
    "core",
    "partners",
    "members",
    "alliances",
    "news",
    "dues",
    "governance",
    "documents",
    "notifications",
    "webhooks",
    "privacy",
}


def admin_urls() -> list[str]:
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        if model._meta.app_label not in OURS:
            continue
        info = model._meta.app_label, model._meta.model_name
        urls.append(reverse("admin:{}_{}_changelist".format(*info)))
        urls.append(reverse("admin:{}_{}_add".format(*info)))
    return urls


@pytest.mark.parametrize("language", TRANSLATED)
def test_admin_pages_show_no_english_string_of_ours(client, superuser, world, language):
    client.force_login(superuser)
    # What people wrote, user names included.
    users = get_user_model().objects.values_list("username", flat=True)
    content = written(world) | frozenset(users)
    left = {}
    urls = admin_urls()
    assert len(urls) > 30
    for url in urls:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        if response.status_code == HTTPStatus.FORBIDDEN:
            continue  # a model nobody adds by hand (an erasure, a delivery)
        assert response.status_code == HTTPStatus.OK, url
        assert f'<html lang="{language}"' in body(response), url
        if found := english_left(body(response), language, content):
            left[url] = found
    assert not left, f"English strings in the {language} admin: {left}"
