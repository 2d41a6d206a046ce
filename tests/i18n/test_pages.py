"""Every public and portal page in English, French and Spanish: it answers,
says its language in <html lang>, links the same page in the other languages
in its switcher, and names them as hreflang alternates."""

import re
from http import HTTPStatus

import pytest
from django.urls import reverse, translate_url
from django.utils import translation

from tests.metropolis.test_no_external_sources import body, portal_urls, public_urls

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "fr", "es"]
ORIGIN = "http://testserver"


def in_language(url: str, language: str) -> str:
    """The English `url` in `language` (the same path under /fr/ or /es/)."""
    with translation.override("en"):
        return translate_url(url, language)


def alternates(text: str) -> dict[str, str]:
    return dict(
        re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)"', text)
    )


def switcher_links(text: str) -> dict[str, str]:
    nav = re.search(r'<nav class="language-switcher".*?</nav>', text, re.S)
    assert nav, "The page has no language switcher."
    links = re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', nav[0])
    return {code: href for href, code in links}


def html_pages(client, urls: list[str]) -> list[str]:
    """The English pages among `urls` that are HTML pages of the site's own
    in each language (not the feeds, calendars, files or sitemap)."""
    pages = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK, url
        if response["Content-Type"].startswith("text/html"):
            pages.append(url)
    return pages


def assert_page_in_each_language(client, url: str, *, anonymous: bool):
    for language in LANGUAGES:
        page = in_language(url, language)
        response = client.get(page)
        assert response.status_code == HTTPStatus.OK, page
        text = body(response)
        assert f'<html lang="{language}">' in text, page
        expected = {code: ORIGIN + in_language(url, code) for code in LANGUAGES}
        assert alternates(text) == {**expected, "x-default": expected["en"]}, page
        if anonymous:
            assert switcher_links(text) == expected, page
        else:
            # A logged-in person's switcher posts the choice, with this page.
            assert f'action="{reverse("set_language")}"' in text, page
            assert f'name="next" value="{page}"' in text, page


def test_every_public_page_in_every_language(client, world):
    urls = public_urls(world)
    pages = html_pages(client, urls)
    # The walk reads the site's pages, and the non-HTML ones exist in French.
    assert len(pages) >= 15
    for url in pages:
        assert_page_in_each_language(client, url, anonymous=True)
    for url in set(urls) - set(pages):
        assert client.get(in_language(url, "fr")).status_code == HTTPStatus.OK, url


def test_every_portal_page_in_every_language(client, liaison, world):
    client.force_login(liaison)
    pages = html_pages(client, portal_urls(world))
    assert len(pages) >= 10
    for url in pages:
        assert_page_in_each_language(client, url, anonymous=False)


def test_the_english_pages_stay_unprefixed(client, world):
    post = world["post"]
    assert post.get_absolute_url() == f"/news/{post.slug}/"
    assert in_language(post.get_absolute_url(), "fr") == f"/fr/news/{post.slug}/"
    assert client.get(f"/en/news/{post.slug}/").status_code == HTTPStatus.NOT_FOUND


def test_a_list_keeps_its_filters_and_page_in_the_other_languages(client, world):
    url = reverse("members:member-list") + "?region=asia-pacific&page=1"

    text = body(client.get(url))

    assert switcher_links(text)["fr"] == (
        f"{ORIGIN}/fr/members/?region=asia-pacific&amp;page=1"
    )


def test_a_missing_page_says_so_in_its_language(client):
    response = client.get("/fr/no-such-page/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert '<html lang="fr">' in response.content.decode()
    assert response["Content-Language"] == "fr"


def test_the_admin_and_the_api_have_no_language_prefix(client):
    assert reverse("admin:index") == "/admin/"
    with translation.override("fr"):
        assert reverse("admin:index") == "/admin/"
        assert reverse("api:membercity-list").startswith("/api/v1/")
    assert client.get("/fr/api/v1/members/").status_code == HTTPStatus.NOT_FOUND
