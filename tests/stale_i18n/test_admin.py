"""The admin of stale translations: the change form's note, the changelist's
filters, the review action, the page of what is missing or stale and its
panel on the front page."""

from http import HTTPStatus

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.urls import reverse

from core.models import TranslationSource
from core.translations import STALE, statuses
from news.services import news_save
from tests import factories
from tests.admin_utils import admin_url, changeform_data

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:news_newspost_changelist")
# The first view after a write: the session, the user, the filters' own
# queries, the data versions and the count they keep (core.counts), the rows.
CHANGELIST_QUERIES = 9


def save(post, by, **texts):
    for column, text in texts.items():
        setattr(post, column, text)
    return news_save(post=post, by=by)


@pytest.fixture
def stale_post(editor):
    """A post whose French title is older than its English title."""
    post = save(
        factories.NewsPostFactory(title="Dakar signs", slug="dakar-signs"),
        editor,
        title_fr="Dakar signe",
        summary_fr="Un résumé.",
        body_fr="Du **Markdown**.",
    )
    return save(post, editor, title_en="Dakar signs the pact")


def test_the_change_form_marks_a_stale_translation(editor_client, stale_post):
    response = editor_client.get(admin_url("news.newspost", "change", stale_post.pk))

    html = response.content.decode()
    assert "French: older than the English text since" in html
    assert "Spanish: missing" in html


def test_the_admin_saving_source_and_translation_together_is_current(
    editor_client, stale_post
):
    url = admin_url("news.newspost", "change", stale_post.pk)
    data = changeform_data(editor_client.get(url))
    data.update(title="Dakar signs the water pact", title_fr="Dakar signe le pacte")

    response = editor_client.post(url, data)

    assert response.status_code == HTTPStatus.FOUND
    stale_post.refresh_from_db()
    assert stale_post.title_fr == "Dakar signe le pacte"
    assert ("title", "fr") not in statuses(stale_post)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("stale", {"stale"}), ("missing", {"untranslated"}), ("attention", None)],
)
def test_the_changelist_filters_by_translation_state(
    editor_client, editor, stale_post, django_assert_max_num_queries, value, expected
):
    save(
        factories.NewsPostFactory(slug="current"),
        editor,
        title_fr="À jour",
        summary_fr="Résumé.",
        body_fr="Corps.",
    )
    factories.NewsPostFactory(slug="untranslated")
    stale_post.slug = "stale"
    stale_post.save()

    with django_assert_max_num_queries(CHANGELIST_QUERIES):
        response = editor_client.get(CHANGELIST, {"translation_fr": value})

    slugs = {post.slug for post in response.context["cl"].result_list}
    assert slugs == (expected or {"stale", "untranslated"})


def test_the_filter_costs_the_same_queries_for_more_rows(
    editor_client, editor, stale_post, django_assert_max_num_queries
):
    for n in range(12):
        save(factories.NewsPostFactory(), editor, title_fr=f"Titre {n}")
        factories.NewsPostFactory()

    with django_assert_max_num_queries(CHANGELIST_QUERIES):
        response = editor_client.get(CHANGELIST, {"translation_es": "missing"})

    assert response.context["cl"].result_count == 25


def test_an_editor_marks_the_french_translation_reviewed(editor_client, stale_post):
    response = editor_client.post(
        CHANGELIST,
        {"action": "mark_reviewed_fr", ACTION_CHECKBOX_NAME: [stale_post.pk]},
        follow=True,
    )

    assert "1 translation was older than its source" in response.content.decode()
    assert ("title", "fr") not in statuses(stale_post)


def test_a_viewer_without_change_permission_cannot_mark_reviewed(client, stale_post):
    viewer = factories.UserFactory(username="viewer", is_staff=True)
    viewer.user_permissions.add(
        Permission.objects.get(codename="view_newspost", content_type__app_label="news")
    )
    client.force_login(viewer)

    response = client.get(CHANGELIST)
    client.post(
        CHANGELIST,
        {"action": "mark_reviewed_fr", ACTION_CHECKBOX_NAME: [stale_post.pk]},
    )

    assert "mark_reviewed_fr" not in response.content.decode()
    assert statuses(stale_post)["title", "fr"][0] == STALE


def test_the_page_lists_missing_and_stale_per_language_with_links(
    editor_client, stale_post, member
):
    response = editor_client.get(reverse("admin:translations"))

    assert response.status_code == HTTPStatus.OK
    french = response.content.decode().split('id="translations-es"')[0]
    assert admin_url("news.newspost", "change", stale_post.pk) in french
    assert "Older than the English" in french
    assert f"{CHANGELIST}?translation_fr=attention" in french


def test_the_front_page_panel_links_the_page(editor_client, stale_post):
    response = editor_client.get(reverse("admin:index"))

    html = response.content.decode()
    assert 'id="attention-stale-translations"' in html
    assert reverse("admin:translations") in html
    assert admin_url("news.newspost", "change", stale_post.pk) in html
    assert TranslationSource.objects.stale().count() == 1


def test_the_page_is_for_staff_only(liaison_client):
    response = liaison_client.get(reverse("admin:translations"))

    assert response.status_code == HTTPStatus.FOUND


def test_the_panel_reads_in_one_query(stale_post, django_assert_num_queries):
    panel = admin.site._panels["stale-translations"]

    with django_assert_num_queries(1):
        read = panel.read()

    assert read["count"] == 1
    assert read["rows"][0]["label"] == f"news post {stale_post.pk}: title, French"
