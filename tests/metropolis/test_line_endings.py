"""Text inputs keep LF line endings, whatever the client sent (a browser sends
a textarea's lines as CRLF): the portal, the admin and the API store the same
text, and a resubmitted text is no change."""

from http import HTTPStatus

import pytest
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.db import models
from django.urls import reverse

from core.fields import TextField
from members.models import LIAISON_EDITABLE_FIELDS
from tests import factories
from tests.admin_utils import admin_url, changeform_data

pytestmark = pytest.mark.django_db

CRLF_TEXT = "On the Pearl River.\r\n\r\nA trade hub.\rSince 1993."
LF_TEXT = "On the Pearl River.\n\nA trade hub.\nSince 1993."


def portal_data(member, **changes) -> dict:
    data = {name: getattr(member, name) for name in LIAISON_EDITABLE_FIELDS}
    return {
        name: "" if value is None else value
        for name, value in {**data, **changes}.items()
    }


@pytest.mark.parametrize(
    "field",
    [
        field
        for label in ("members", "alliances", "news", "partners")
        for model in apps.get_app_config(label).get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.TextField) and field.editable
    ],
    ids=str,
)
def test_every_text_field_normalises_line_endings(field):
    assert isinstance(field, TextField)


def test_model_cleaning_gives_lf_line_endings(member):
    member.description = CRLF_TEXT
    member.full_clean()
    assert member.description == LF_TEXT


def test_a_save_without_cleaning_stores_lf_line_endings(member):
    member.description = CRLF_TEXT
    member.save()
    member.refresh_from_db()
    assert member.description == LF_TEXT


def test_the_portal_stores_lf_line_endings(liaison_client, member):
    liaison_client.post(
        reverse("portal:profile"), portal_data(member, description=CRLF_TEXT)
    )
    member.refresh_from_db()
    assert member.description == LF_TEXT


def test_the_portal_sees_no_change_in_a_resubmitted_text(liaison_client, member):
    member.description = LF_TEXT
    member.save()
    history_rows = member.history.count()

    response = liaison_client.post(
        reverse("portal:profile"),
        portal_data(member, description=CRLF_TEXT),
        follow=True,
    )

    assert "Nothing changed" in response.content.decode()
    assert member.history.count() == history_rows


def test_the_admin_stores_lf_line_endings(editor_client, member):
    url = admin_url("members.membercity", "change", member.pk)
    data = changeform_data(editor_client.get(url))

    response = editor_client.post(url, {**data, "description": CRLF_TEXT})

    assert response.status_code == HTTPStatus.FOUND
    member.refresh_from_db()
    assert member.description == LF_TEXT


def test_the_admin_logs_no_change_for_a_resubmitted_text(editor_client, member):
    member.description = LF_TEXT
    member.save()
    url = admin_url("members.membercity", "change", member.pk)
    data = changeform_data(editor_client.get(url))

    editor_client.post(url, {**data, "description": CRLF_TEXT})

    assert "description" not in LogEntry.objects.get().get_change_message().lower()


def test_the_api_stores_lf_line_endings_in_a_proposal(liaison_api, member):
    category = factories.CategoryFactory()
    response = liaison_api.post(
        reverse("api:newspost-list"),
        {
            "title": "Forum",
            "category_slug": category.slug,
            "summary": CRLF_TEXT,
            "body": CRLF_TEXT,
        },
    )

    assert response.status_code == HTTPStatus.CREATED, response.content
    assert response.json()["body"] == LF_TEXT
    assert response.json()["summary"] == LF_TEXT


def test_the_api_stores_lf_line_endings(liaison_api, member):
    response = liaison_api.patch(
        reverse("api:membercity-detail", args=[member.slug]),
        {"description": CRLF_TEXT},
    )

    assert response.status_code == HTTPStatus.OK
    assert response.json()["description"] == LF_TEXT
    member.refresh_from_db()
    assert member.description == LF_TEXT
