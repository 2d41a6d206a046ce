"""The demo's French and Spanish texts, kept as a person edits them; the
admin's translation fields (English required, the others optional)."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import translation

from members.models import MemberCity
from news.models import Category, NewsPost
from tests.admin_utils import admin_url, changeform_data
from tests.demo_utils import load_demo, row_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_demo()


def test_the_demo_post_reads_in_french_and_spanish(client, demo):
    post = NewsPost.objects.get(slug__startswith="metropolis-signs")

    assert post.title_fr.startswith("Metropolis signe un accord de collaboration")
    assert post.title_es.startswith("Metropolis firma un acuerdo de colaboración")
    assert "<strong>Guangzhou incarne le processus" in post.body_html_fr
    assert "<strong>Guangzhou encarna el proceso" in post.body_html_es
    with translation.override("fr"):
        html = client.get(post.get_absolute_url()).content.decode()
    assert "Innovation urbaine" in html
    assert 'class="fallback-notice"' not in html


def test_the_demo_category_and_cities_have_three_languages(demo):
    category = Category.objects.get(slug="urban-innovation")
    dakar = MemberCity.objects.get(slug="dakar")

    assert (category.name_en, category.name_fr, category.name_es) == (
        "Urban Innovation",
        "Innovation urbaine",
        "Innovación urbana",
    )
    assert dakar.summary_fr == "Siège du Secrétariat régional pour l'Afrique."
    assert dakar.summary_es == "Sede de la Secretaría Regional para África."


def test_a_second_run_adds_nothing(demo):
    before = row_counts()

    load_demo()

    assert row_counts() == before


def test_a_rerun_keeps_a_person_s_translation(demo):
    dakar = MemberCity.objects.get(slug="dakar")
    dakar.summary_fr = "Ville hôte du secrétariat régional."
    dakar.save()

    load_demo()

    dakar.refresh_from_db()
    assert dakar.summary_fr == "Ville hôte du secrétariat régional."


def test_the_admin_writes_the_english_text_and_its_translations(editor_client):
    url = admin_url("news.category", "add")
    form = changeform_data(editor_client.get(url))
    form |= {"name": "Events", "name_fr": "Événements", "slug": "events"}

    with translation.override("fr"):
        response = editor_client.post(url, form)

    assert response.status_code == HTTPStatus.FOUND
    category = Category.objects.get(slug="events")
    assert (category.name_en, category.name_fr, category.name_es) == (
        "Events",
        "Événements",
        None,
    )


def test_the_admin_requires_the_english_text_only(editor_client):
    url = admin_url("news.category", "add")
    form = changeform_data(editor_client.get(url))
    form |= {"name": "", "name_fr": "Événements", "slug": "events"}

    response = editor_client.post(url, form)

    assert response.status_code == HTTPStatus.OK
    assert set(response.context["adminform"].form.errors) == {"name"}


def test_the_portal_profile_edits_the_english_summary_on_a_french_page(
    liaison_client, member
):
    member.summary = "Host city."
    member.summary_fr = "Ville hôte."
    member.save()
    with translation.override("fr"):
        url = reverse("portal:profile")
        form = liaison_client.get(url).context["form"]
        assert form["summary"].value() == "Host city."

        data = {name: form[name].value() or "" for name in form.fields}
        liaison_client.post(url, {**data, "summary": "Host of the congress."})

    member.refresh_from_db()
    assert (member.summary_en, member.summary_fr) == (
        "Host of the congress.",
        "Ville hôte.",
    )
