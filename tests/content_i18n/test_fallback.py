"""A text in the language asked for, else English, else any; the page says
when it shows another language than its own ("Only available in English")."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from core.content import fallback_order, pick, text_language
from tests import factories

pytestmark = pytest.mark.django_db

NOTICE = 'class="fallback-notice"'


def page(client, name, slug, language):
    with translation.override(language):
        return client.get(reverse(name, kwargs={"slug": slug})).content.decode()


def test_the_fallback_order_is_the_language_then_english_then_the_others():
    assert fallback_order("fr") == ("fr", "en", "es")
    assert fallback_order("es") == ("es", "en", "fr")
    assert fallback_order("en") == ("en", "fr", "es")


def test_a_text_in_english_only_is_shown_in_english_with_the_notice(client, member):
    member.summary = "Host of the regional secretariat."
    member.save()

    html = page(client, "members:member-detail", member.slug, "fr")

    assert "Host of the regional secretariat." in html
    assert NOTICE in html
    assert 'data-language="en"' in html
    with translation.override("fr"):
        assert gettext("Only available in English") in html


def test_a_text_in_spanish_only_is_shown_to_a_french_reader_in_spanish(client):
    member = factories.MemberCityFactory(summary="", summary_es="Sede de la red.")

    html = page(client, "members:member-detail", member.slug, "fr")

    assert "Sede de la red." in html
    assert 'data-language="es"' in html
    with translation.override("fr"):
        assert text_language(member, "summary") == "es"


def test_a_translated_text_has_no_notice(client, member):
    member.summary_fr = "Siège du secrétariat régional."
    member.save()

    html = page(client, "members:member-detail", member.slug, "fr")

    assert "Siège du secrétariat régional." in html
    assert NOTICE not in html


def test_the_english_page_of_an_english_text_has_no_notice(client, member):
    member.summary = "Host of the regional secretariat."
    member.save()

    assert NOTICE not in page(client, "members:member-detail", member.slug, "en")


def test_a_removed_translation_falls_back_to_english(client, translated_post):
    translated_post.title_fr = ""
    translated_post.summary_fr = ""
    translated_post.body_fr = ""
    translated_post.save()

    html = page(client, "news:post-detail", translated_post.slug, "fr")

    assert "Guangzhou signs" in html
    assert "Signed in <em>July</em>." in html
    assert "Signé" not in html
    assert NOTICE in html


def test_a_post_shows_its_french_title_summary_and_body(client, translated_post):
    html = page(client, "news:post-detail", translated_post.slug, "fr")

    assert "<h1>Guangzhou signe</h1>" in html
    assert "Un protocole d&#x27;accord." in html
    assert "Signé en <em>juillet</em>." in html
    assert "Innovation urbaine" in html
    assert NOTICE not in html


def test_a_spanish_reader_of_a_post_without_spanish_body_gets_the_notice(
    client, translated_post
):
    html = page(client, "news:post-detail", translated_post.slug, "es")

    assert "<h1>Guangzhou firma</h1>" in html
    assert "Signed in <em>July</em>." in html  # no Spanish body: English
    assert NOTICE in html


def test_each_language_s_body_is_rendered_and_sanitised_on_save(translated_post):
    translated_post.body_es = "Firmado <script>alert(1)</script>en **julio**."
    translated_post.save()
    translated_post.refresh_from_db()

    assert translated_post.body_html_en == "<p>Signed in <em>July</em>.</p>"
    assert translated_post.body_html_fr == "<p>Signé en <em>juillet</em>.</p>"
    assert "<script>" not in translated_post.body_html_es
    assert "<strong>julio</strong>" in translated_post.body_html_es


def test_a_body_over_the_limit_in_any_language_is_refused(translated_post):
    from django.core.exceptions import ValidationError

    from news.markdown import BODY_MAX_LENGTH

    translated_post.body_fr = "x" * (BODY_MAX_LENGTH + 1)
    with pytest.raises(ValidationError) as error:
        translated_post.full_clean()

    assert "body_fr" in error.value.message_dict


def test_the_original_column_keeps_the_english_source(translated_post):
    with translation.override("fr"):
        translated_post.summary = "Résumé écrit en français."
        translated_post.save()

    stored = type(translated_post).objects.rewrite(False).values("title", "summary")
    assert stored.get(pk=translated_post.pk) == {
        "title": "Guangzhou signs",
        "summary": "A pact.",
    }


def test_pick_skips_empty_texts():
    row = {"title_en": "", "title_fr": None, "title_es": "Hola"}

    assert pick(row, "title", "fr") == ("Hola", "es")
    assert pick({}, "title", "fr") == ("", None)


def test_list_cards_say_when_a_summary_is_in_another_language(client, translated_post):
    with translation.override("es"):
        html = client.get(reverse("news:post-list")).content.decode()

    assert "Guangzhou firma" in html
    assert "A pact." in html
    assert 'data-language="en"' in html


def test_an_english_text_never_written_is_empty_not_null():
    member = factories.MemberCityFactory()
    member.refresh_from_db()

    assert (member.summary_en, member.summary_fr) == ("", None)
