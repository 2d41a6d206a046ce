"""No page makes the browser ask another site for anything: every script,
stylesheet, font, image and frame comes from the site itself. Links to other
sites that people wrote into the content are fine: only what a page loads
is checked, on every public page (a visitor's) and every portal page (a
liaison's), and in the stylesheets they link."""

import datetime
import html
import re
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.contrib.staticfiles import finders
from django.urls import URLPattern, reverse
from django.utils import timezone

from governance.models import Meeting
from members.models import BoardMandate, MemberCity
from news.models import NewsPost
from publicdata import urls as publicdata_urls
from tests import factories
from tests.dues.utils import make_grid, make_invoice

pytestmark = pytest.mark.django_db

HOST = "testserver"
URL = r"""\s*["']?\s*((?:https?:)?//[^\s"'()<>]+)"""
# What a browser loads by itself: src (img, script, iframe, source, embed,
# audio, video), srcset, the data of an object, a poster, a <link> (style
# sheets, icons, fonts preloaded), an SVG <image>, and url() or @import in
# CSS, inline or in a <style>.
LOADED = [
    re.compile(r"\b(?:src|data|poster)\s*=" + URL, re.I),
    re.compile(r"\bsrcset\s*=\s*[\"']?([^\"'>]*//[^\"'>]*)", re.I),
    re.compile(r"<link\b[^>]*?\bhref\s*=" + URL, re.I),
    re.compile(r"<image\b[^>]*?\b(?:xlink:)?href\s*=" + URL, re.I),
    re.compile(r"\burl\(" + URL, re.I),
    re.compile(r"@import" + URL, re.I),
]
STYLESHEET = re.compile(
    r"""<link\b[^>]*\brel=["']?stylesheet[^>]*\bhref=["']?/static/([^"'\s>]+)""",
    re.I,
)


def is_other_site(url: str) -> bool:
    host = re.match(r"(?:https?:)?//([^/:?#]*)", url.strip())
    return host is not None and host.group(1) != HOST


def external_sources(text: str) -> list[str]:
    """Every URL of another site that `text` (HTML, XML with escaped HTML
    inside, CSS) makes a browser load."""
    found = []
    for chunk in (text, html.unescape(text)):
        for pattern in LOADED:
            for match in pattern.finditer(chunk):
                found += [
                    url
                    for url in re.findall(r"(?:https?:)?//[^\s,\"']+", match.group(1))
                    if is_other_site(url)
                ]
    return sorted(set(found))


def stylesheets(text: str) -> list[str]:
    """The text of every stylesheet of the site's own that `text` links."""
    sheets = []
    for name in STYLESHEET.findall(text):
        path = finders.find(name.split("?")[0])
        assert path, f"The linked stylesheet {name} is not in the static files."
        with open(path, encoding="utf-8") as sheet:
            sheets.append(sheet.read())
    return sheets


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.fixture
def world(member, liaison):
    """One of everything a page shows, the liaison's city in each."""
    member.latitude, member.longitude = Decimal("23.13"), Decimal("113.26")
    member.income_band = MemberCity.IncomeBand.HIGH
    member.save()
    person = factories.PersonFactory(name="Li Wei", organisation=member)
    factories.BoardMandateFactory(member=member, role=BoardMandate.Role.PRESIDENT)
    factories.RegionalSecretariatFactory(
        member=member,
        secretary=person,
        start_date=datetime.date(2024, 1, 1),
        end_date=None,
    )
    plan = factories.StrategicActionPlanFactory()
    alliance = factories.AllianceFactory(
        granting=True, granting_member=member, contact=person, plan=plan
    )
    post = factories.NewsPostFactory(
        body="See [the partner](https://partner.example.net/) for more.",
        proposed_by=member,
    )
    post.related_members.add(member)
    proposal = factories.NewsPostFactory(
        status=NewsPost.Status.DRAFT, published_at=None, proposed_by=member
    )
    meeting = Meeting.objects.create(
        body=Meeting.Body.GENERAL_ASSEMBLY,
        title="General Assembly",
        slug="general-assembly",
        starts_at=timezone.now() + datetime.timedelta(days=20),
        place="Barcelona",
        convened_on=timezone.localdate(),
        status=Meeting.Status.CONVENED,
    )
    make_grid()
    invoice = make_invoice(member)
    return {
        "member": member,
        "alliance": alliance,
        "plan": plan,
        "post": post,
        "proposal": proposal,
        "meeting": meeting,
        "invoice": invoice,
    }


def public_urls(world) -> list[str]:
    urls = [
        reverse("home"),
        reverse("members:member-list"),
        world["member"].get_absolute_url(),
        reverse("members:board"),
        reverse("members:secretariats"),
        reverse("alliances:alliance-list"),
        world["alliance"].get_absolute_url(),
        reverse("alliances:plan-list"),
        world["plan"].get_absolute_url(),
        reverse("news:post-list"),
        world["post"].get_absolute_url(),
        reverse("news:category", kwargs={"slug": world["post"].category.slug}),
        reverse("news:feed"),
        reverse("news:category-feed", kwargs={"slug": world["post"].category.slug}),
        reverse("governance:meeting-list"),
        world["meeting"].get_absolute_url(),
        reverse("governance:meetings-ics"),
        reverse("sitemap"),
        reverse("robots"),
    ]
    # Every page of publicdata that takes no argument: the map, and the
    # charts and open data as they come.
    urls += [
        reverse(f"publicdata:{pattern.name}")
        for pattern in publicdata_urls.urlpatterns
        if isinstance(pattern, URLPattern) and not pattern.pattern.converters
    ]
    return urls


def portal_urls(world) -> list[str]:
    proposal = world["proposal"].pk
    return [
        reverse("portal:dashboard"),
        reverse("portal:profile"),
        reverse("portal:contacts"),
        reverse("portal:dues"),
        reverse("portal:meetings"),
        reverse("portal:notifications"),
        reverse("portal:personal-data"),
        reverse("portal:proposal-list"),
        reverse("portal:proposal-create"),
        reverse("portal:proposal-detail", kwargs={"pk": proposal}),
        reverse("portal:proposal-edit", kwargs={"pk": proposal}),
        reverse("dues:invoice-detail", kwargs={"number": world["invoice"].number}),
        reverse("password_change"),
    ]


def assert_loads_nothing_from_other_sites(client, urls):
    checked = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK, url
        text = body(response)
        checked[url] = external_sources(text)
        for sheet in stylesheets(text):
            checked[url] += external_sources(sheet)
    assert {url: found for url, found in checked.items() if found} == {}


def test_public_pages_load_nothing_from_other_sites(client, world):
    assert_loads_nothing_from_other_sites(client, public_urls(world))


def test_portal_pages_load_nothing_from_other_sites(client, liaison, world):
    client.force_login(liaison)
    assert_loads_nothing_from_other_sites(client, portal_urls(world))


def test_the_walk_reads_the_content_it_checks(client, world):
    """The walk is not vacuous: the post's own link to another site is in
    its page, and is not counted as something the page loads."""
    text = body(client.get(world["post"].get_absolute_url()))
    assert 'href="https://partner.example.net/"' in text
    assert external_sources(text) == []
    # The site's stylesheet is read too.
    assert any(".pagination" in sheet for sheet in stylesheets(text))


@pytest.mark.parametrize(
    "text",
    [
        '<script src="https://cdn.example.com/app.js"></script>',
        '<link rel="stylesheet" href="//fonts.example.com/css">',
        "<img srcset='/a.png 1x, https://img.example.com/b.png 2x'>",
        '<iframe src="http://maps.example.com/embed"></iframe>',
        "<div style=\"background: url('https://img.example.com/bg.png')\"></div>",
        "<style>@import 'https://fonts.example.com/font.css';</style>",
        '<svg><image href="https://tiles.example.com/1.png"/></svg>',
        "<description>&lt;img src=&quot;https://img.example.com/x.png&quot;&gt;"
        "</description>",
    ],
)
def test_the_check_finds_what_another_site_would_serve(text):
    assert external_sources(text) != []


@pytest.mark.parametrize(
    "text",
    [
        '<a href="https://partner.example.net/">the partner</a>',
        '<script src="/static/app.js"></script>',
        '<img src="http://testserver/media/logo.png">',
        '<link rel="stylesheet" href="/static/css/site.css">',
        "<style>.x { background: url(/static/bg.png) }</style>",
    ],
)
def test_the_check_leaves_the_sites_own_and_plain_links(text):
    assert external_sources(text) == []
