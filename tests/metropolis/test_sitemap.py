"""/sitemap.xml, /robots.txt and /favicon.ico."""

import datetime
import xml.etree.ElementTree as ET
from http import HTTPStatus

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from governance.models import Meeting
from news.models import NewsPost
from publicdata import sitemaps
from tests import factories

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def locations(response) -> list[str]:
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return [loc.text for loc in root.iterfind(".//sm:loc", NS)]


def section(client, name: str, page: int = 1) -> list[str]:
    url = reverse("sitemap-section", kwargs={"section": name})
    response = client.get(url, {"p": page})
    assert response.status_code == HTTPStatus.OK
    return locations(response)


def absolute(path: str) -> str:
    return f"http://testserver{path}"


def meeting(title: str, status: str) -> Meeting:
    return Meeting.objects.create(
        body=Meeting.Body.BOARD,
        title=title,
        slug=title.lower().replace(" ", "-"),
        starts_at=timezone.now() + datetime.timedelta(days=10),
        place="Barcelona",
        status=status,
        convened_on=None if status == Meeting.Status.PLANNED else timezone.localdate(),
    )


def test_the_index_lists_every_section(client):
    response = client.get(reverse("sitemap"))
    assert response.status_code == HTTPStatus.OK
    assert locations(response) == [
        absolute(reverse("sitemap-section", kwargs={"section": name}))
        for name in sitemaps.SITEMAPS
    ]


def test_the_public_pages_are_listed(client):
    listed = section(client, "pages")
    for name in ["home", "members:member-list", "members:board", "news:post-list"]:
        assert absolute(reverse(name)) in listed


def test_every_member_is_listed(client, member):
    assert section(client, "members") == [absolute(member.get_absolute_url())]


def test_only_alliances_a_visitor_may_read_are_listed(client):
    signed = factories.AllianceFactory(title="Signed")
    factories.AllianceFactory(title="Draft", signed_on=None)
    assert section(client, "alliances") == [absolute(signed.get_absolute_url())]


def test_only_published_news_is_listed(client):
    published = factories.NewsPostFactory(title="Out")
    factories.NewsPostFactory(
        title="Proposed", status=NewsPost.Status.SUBMITTED, published_at=None
    )
    factories.NewsPostFactory(
        title="Scheduled", published_at=timezone.now() + datetime.timedelta(days=1)
    )
    response = client.get(reverse("sitemap-section", kwargs={"section": "news"}))
    assert locations(response) == [absolute(published.get_absolute_url())]
    root = ET.fromstring(response.content)
    # The day of the last change in the site's time zone (Madrid), as every
    # date the site shows; at 23:30 UTC that is already the next day.
    assert (
        root.find(".//sm:lastmod", NS).text
        == timezone.localdate(published.updated_at).isoformat()
    )


def test_only_meetings_a_visitor_may_read_are_listed(client):
    convened = meeting("Board convened", Meeting.Status.CONVENED)
    meeting("Board planned", Meeting.Status.PLANNED)
    assert section(client, "meetings") == [absolute(convened.get_absolute_url())]


def test_a_large_section_is_read_a_page_at_a_time(client, monkeypatch):
    monkeypatch.setattr(sitemaps.MemberSitemap, "limit", 2)
    members = [factories.MemberCityFactory(slug=f"city-{n}") for n in range(3)]
    pages = locations(client.get(reverse("sitemap")))
    members_url = absolute(reverse("sitemap-section", kwargs={"section": "members"}))
    assert members_url in pages
    assert f"{members_url}?p=2" in pages
    assert section(client, "members", 1) == [
        absolute(m.get_absolute_url()) for m in members[:2]
    ]
    assert section(client, "members", 2) == [absolute(members[2].get_absolute_url())]


@pytest.mark.parametrize("name", ["members", "alliances", "news", "meetings"])
def test_a_section_costs_the_same_queries_whatever_its_size(
    client, name, django_assert_max_num_queries
):
    for n in range(5):
        factories.MemberCityFactory()
        factories.AllianceFactory()
        factories.NewsPostFactory()
        meeting(f"Meeting {n}", Meeting.Status.CONVENED)
    section(client, name)  # the count kept (core.counts)
    # The tables' versions, the next scheduled post's time (news) and the
    # page's rows.
    with django_assert_max_num_queries(3):
        section(client, name)


def test_robots_txt_keeps_crawlers_out_of_the_private_parts(client):
    response = client.get(reverse("robots"))
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Allow: /" in lines
    for path in ["/admin/", "/portal/", "/api/", "/accounts/"]:
        assert f"Disallow: {path}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_the_favicon_is_the_projects_svg_linked_from_every_page(client):
    response = client.get(reverse("favicon"))
    assert response.status_code == HTTPStatus.FOUND
    assert response.url.endswith(".svg")
    assert response.url in client.get(reverse("home")).content.decode()
    drawing = ET.parse(settings.BASE_DIR / "static" / "favicon.svg").getroot()
    assert drawing.tag == "{http://www.w3.org/2000/svg}svg"
