"""A liaison proposes French and Spanish texts of the city's profile and
proposals, through the services that mark translations."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from core.translations import STALE, statuses
from members.models import MemberCity
from news.models import NewsPost
from tests import factories
from tests.portal.conftest import proposal

pytestmark = pytest.mark.django_db

PROFILE = reverse("portal:profile")


def profile_data(member, **texts):
    return {
        "website": member.website or "",
        "summary": member.summary_en or "",
        "description": member.description_en or "",
        "population": member.population or "",
        "population_year": member.population_year or "",
        "grp_amount": member.grp_amount or "",
        "grp_currency": member.grp_currency or "",
        "grp_year": member.grp_year or "",
        **texts,
    }


def test_the_profile_form_shows_french_and_spanish_beside_english(liaison_client):
    html = liaison_client.get(PROFILE).content.decode()

    assert 'name="summary_fr"' in html
    assert 'name="description_es"' in html
    assert "Summary — French" in html


def test_a_liaison_saves_the_french_summary_of_the_city(liaison_client, member):
    response = liaison_client.post(
        PROFILE, profile_data(member, summary="A delta city.", summary_fr="Une ville.")
    )

    assert response.status_code == HTTPStatus.FOUND
    member.refresh_from_db()
    assert member.summary_fr == "Une ville."
    assert ("summary", "fr") not in statuses(member)


def test_a_liaison_changing_only_english_makes_the_french_stale(liaison_client, member):
    liaison_client.post(
        PROFILE, profile_data(member, summary="A delta city.", summary_fr="Une ville.")
    )
    member.refresh_from_db()

    liaison_client.post(
        PROFILE,
        profile_data(
            member, summary="A delta city, in Guangdong.", summary_fr="Une ville."
        ),
    )

    member.refresh_from_db()
    assert statuses(member)["summary", "fr"][0] == STALE


def test_a_liaison_proposes_a_post_in_three_languages(liaison_client, member):
    category = factories.CategoryFactory(slug="events")
    response = liaison_client.post(
        reverse("portal:proposal-create"),
        {
            "title": "Guangzhou hosts the forum",
            "title_fr": "Guangzhou accueille le forum",
            "title_es": "Guangzhou acoge el foro",
            "category": category.pk,
            "summary": "The forum.",
            "body": "In **May**.",
            "body_fr": "En **mai**.",
        },
    )

    assert response.status_code == HTTPStatus.FOUND
    post = NewsPost.objects.get(proposed_by=member)
    assert (post.title_fr, post.title_es) == (
        "Guangzhou accueille le forum",
        "Guangzhou acoge el foro",
    )
    assert post.status == NewsPost.Status.SUBMITTED
    assert "<strong>mai</strong>" in post.body_html_fr
    assert ("title", "fr") not in statuses(post)


def test_a_liaison_cannot_write_french_text_of_another_city(
    liaison_client, other_member
):
    returned = proposal(
        other_member, status=NewsPost.Status.DRAFT, title_fr="Dakar accueille"
    )

    response = liaison_client.post(
        reverse("portal:proposal-edit", args=[returned.pk]),
        {"title": "Taken", "title_fr": "Volé", "summary": "", "body": "x"},
    )

    assert response.status_code == HTTPStatus.NOT_FOUND
    returned.refresh_from_db()
    assert returned.title_fr == "Dakar accueille"
    assert MemberCity.objects.get(pk=other_member.pk).summary_fr in ("", None)
