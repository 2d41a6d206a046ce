"""What every changelist of the project's admins shares: a checkbox per row
as Django renders it, and one count of the rows."""

import pytest
from django.contrib import admin
from django.contrib.admin import ModelAdmin

from news.models import NewsPost
from tests import factories
from tests.admin_utils import admin_url

pytestmark = pytest.mark.django_db


def test_the_row_checkbox_is_django_s_own_html():
    post = factories.NewsPostFactory(title='Harbour <b>"works"</b> & more')
    model_admin = admin.site._registry[NewsPost]

    assert model_admin.action_checkbox(post) == ModelAdmin.action_checkbox(
        model_admin, post
    )


def test_a_filtered_list_counts_its_rows_once(editor_client):
    factories.NewsPostFactory(title="Harbour works")
    factories.NewsPostFactory(title="Budget")

    response = editor_client.get(
        admin_url("news.newspost", "changelist"), {"q": "harbour"}
    )

    changelist = response.context["cl"]
    assert changelist.result_count == 1
    assert changelist.full_result_count is None
    assert "2 total" not in response.content.decode()
