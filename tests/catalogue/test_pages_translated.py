"""No English interface string is left on a page in another language: every public
and portal page, read in French (and in Spanish once its catalogue is finished), is
compared against the catalogue — an English msgid whose translation differs must not
appear as it is. Status and <html lang> are tests/i18n's."""

import html
import re
from http import HTTPStatus

import polib
import pytest
from django.urls import reverse

from tests.catalogue.test_catalogues import TRANSLATED, catalogue
from tests.i18n.test_pages import in_language
from tests.metropolis.test_no_external_sources import body, portal_urls, public_urls

pytestmark = pytest.mark.django_db

# Code, and what <code> shows: identifiers (a column's name) are the same in every
# language.
HIDDEN = re.compile(r"<(script|style|code)\b.*?</\1>|<!--.*?-->", re.S | re.I)
TAG = re.compile(r"<[^>]*>")
# Attributes whose values a person reads or hears.
SHOWN_ATTRIBUTES = re.compile(
    r'\b(?:title|alt|aria-label|placeholder|content)="([^"]*)"', re.I
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{[^}]*\}\}|\{\}")
LETTERS = re.compile(r"[^\W\d_]{2,}")
# A phrase this long is the interface's, not a word content could share with it.
PHRASE_WORDS = 4


def normal(text: str) -> str:
    return " ".join(html.unescape(text).replace("\xa0", " ").split())


def english_strings(language: str) -> tuple[set[str], set[str]]:
    """The English texts that a page in `language` must not show: whole strings
    (a text node equal to one), and phrases (a long run of words between
    placeholders, found anywhere in the page's text)."""
    po = polib.pofile(catalogue(language))
    translated = set()
    for entry in po.translated_entries():
        texts = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in texts:
            # The admin capitalises verbose names: "position" shows "Position".
            text = normal(TAG.sub(" ", text))
            translated.update([text, text[:1].upper() + text[1:]])
    whole, phrases = set(), set()
    for entry in po.translated_entries():
        for source in filter(None, [entry.msgid, entry.msgid_plural]):
            text = normal(TAG.sub(" ", source))
            # The same in both languages ("Metropolis", "Description", "PDF").
            if text in translated or not LETTERS.search(text):
                continue
            pieces = [normal(piece) for piece in PLACEHOLDER.split(text)]
            if len(pieces) == 1:
                whole.add(text)
            phrases.update(p for p in pieces if len(p.split()) >= PHRASE_WORDS)
    return whole, phrases


def shown_text(page: str) -> tuple[list[str], str]:
    """A page's text nodes and readable attributes, and all its text in one."""
    page = HIDDEN.sub(" ", page)
    nodes = [normal(value) for value in SHOWN_ATTRIBUTES.findall(page)]
    nodes += [normal(text) for text in TAG.split(page)]
    nodes = [node for node in nodes if node]
    return nodes, " ".join(nodes)


def english_left(
    page: str, language: str, content: frozenset = frozenset()
) -> list[str]:
    """English interface text on `page`; `content` is what people wrote (a
    meeting called "General Assembly"), which may be English on any page."""
    whole, phrases = english_strings(language)
    nodes, text = shown_text(page)
    found = [node for node in nodes if node in whole and node not in content]
    found += [phrase for phrase in phrases if phrase in text]
    return sorted(set(found))


def html_pages(client, urls: list[str]) -> list[str]:
    pages = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK, url
        if response["Content-Type"].startswith("text/html"):
            pages.append(url)
    return pages


def written(records: dict) -> frozenset:
    """The texts of the world's records that are not translated content."""
    return frozenset(
        normal(str(value))
        for record in records.values()
        for value in [getattr(record, "title", ""), getattr(record, "name", "")]
    )


def assert_no_english(client, urls: list[str], language: str, content: frozenset):
    left = {}
    for url in html_pages(client, urls):
        page = in_language(url, language)
        response = client.get(page)
        assert response.status_code == HTTPStatus.OK, page
        if found := english_left(body(response), language, content):
            left[page] = found
    assert not left, f"English interface text on {language} pages: {left}"


def account_urls() -> list[str]:
    return [reverse("login"), reverse("password_reset")]


@pytest.mark.parametrize("language", TRANSLATED)
def test_public_pages_show_no_english_interface_string(client, world, language):
    urls = public_urls(world) + account_urls()
    assert_no_english(client, urls, language, written(world))


@pytest.mark.parametrize("language", TRANSLATED)
def test_portal_pages_show_no_english_interface_string(
    client, liaison, world, language
):
    client.force_login(liaison)
    assert_no_english(client, portal_urls(world), language, written(world))


def test_the_check_finds_an_untranslated_string():
    page = (
        '<html><body><h2 title="Filter members">Membres</h2>'
        "<p>Browse the member cities of Metropolis by region, country, category, "
        "size and board role.</p><p>Current board (1 décembre 2026)</p>"
        "<script>var label = 'Members';</script></body></html>"
    )
    assert english_left(page, "fr") == [
        "Browse the member cities of Metropolis by region, country, category, size "
        "and board role.",
        "Filter members",
    ]


def test_the_check_leaves_french_and_shared_words_alone():
    page = (
        "<h1>Annuaire des membres</h1><p>Metropolis</p><p>Description</p>"
        "<p>PDF</p><p>Guangzhou</p>"
    )
    assert english_left(page, "fr") == []
