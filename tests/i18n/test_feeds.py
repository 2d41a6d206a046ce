"""Feeds, calendars and the sitemap in every language."""

import datetime
import xml.etree.ElementTree as ET
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import Meeting
from tests import factories

pytestmark = pytest.mark.django_db

ATOM = {"atom": "http://www.w3.org/2005/Atom"}
SITEMAP = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def test_the_french_feed_is_french_and_links_the_french_pages(client):
    post = factories.NewsPostFactory()

    response = client.get("/fr/news/feed/")

    assert response.status_code == HTTPStatus.OK
    feed = ET.fromstring(response.content)
    assert feed.get(XML_LANG) == "fr"
    assert feed.find("atom:link", ATOM).get("href") == "http://testserver/fr/news/"
    entry = feed.find("atom:entry", ATOM)
    assert entry.find("atom:link", ATOM).get("href") == (
        f"http://testserver/fr/news/{post.slug}/"
    )


def test_the_english_feed_stays_where_it_was(client):
    post = factories.NewsPostFactory()

    feed = ET.fromstring(client.get(reverse("news:feed")).content)

    assert feed.get(XML_LANG) == "en"
    entry = feed.find("atom:entry", ATOM)
    assert entry.find("atom:link", ATOM).get("href") == (
        f"http://testserver/news/{post.slug}/"
    )


def test_a_category_feed_in_spanish(client):
    post = factories.NewsPostFactory()

    response = client.get(f"/es/news/category/{post.category.slug}/feed/")

    feed = ET.fromstring(response.content)
    assert feed.get(XML_LANG) == "es"
    assert f"/es/news/{post.slug}/" in response.content.decode()


def test_the_calendar_in_french_links_the_french_pages(client):
    meeting = Meeting.objects.create(
        body=Meeting.Body.GENERAL_ASSEMBLY,
        title="General Assembly",
        slug="general-assembly",
        starts_at=timezone.now() + datetime.timedelta(days=20),
        place="Barcelona",
        convened_on=timezone.localdate(),
        status=Meeting.Status.CONVENED,
    )

    path = meeting.get_absolute_url()

    response = client.get("/fr/calendar/meetings.ics")

    assert response.status_code == HTTPStatus.OK
    text = response.content.decode().replace("\r\n ", "")
    assert f"URL:http://testserver/fr{path}\r\n" in text


def test_the_sitemap_names_every_page_s_languages(client):
    post = factories.NewsPostFactory()

    response = client.get(reverse("sitemap-section", kwargs={"section": "news"}))

    root = ET.fromstring(response.content)
    url = root.find("sm:url", SITEMAP)
    path = f"/news/{post.slug}/"
    assert url.find("sm:loc", SITEMAP).text == f"http://testserver{path}"
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in url.findall("xhtml:link", SITEMAP)
    }
    assert alternates == {
        "en": f"http://testserver{path}",
        "fr": f"http://testserver/fr{path}",
        "es": f"http://testserver/es{path}",
        "x-default": f"http://testserver{path}",
    }


def test_the_sitemap_s_alternates_cost_no_query(client, django_assert_max_num_queries):
    for _ in range(5):
        factories.NewsPostFactory()
    # As without the alternates: the data versions, the paginator's count
    # (kept by those versions), the next scheduled post's time that bounds
    # the rows (NewsPost.objects.published_until_next) and the page's rows.
    with django_assert_max_num_queries(4):
        client.get(reverse("sitemap-section", kwargs={"section": "news"}))
