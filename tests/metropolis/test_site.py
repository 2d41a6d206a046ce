"""The public site's layout, home page and error pages."""

import datetime
import re
from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.views import defaults

from governance.models import Meeting
from members.models import BoardMandate
from tests import factories

pytestmark = pytest.mark.django_db

Role = BoardMandate.Role


@pytest.fixture
def site():
    """One object behind each public page."""
    member = factories.MemberCityFactory(name="Guangzhou", slug="guangzhou")
    plan = factories.StrategicActionPlanFactory(slug="sap")
    alliance = factories.AllianceFactory(slug="mou", plan=plan)
    post = factories.NewsPostFactory(slug="news", category__slug="innovation")
    return {"member": member, "alliance": alliance, "plan": plan, "post": post}


PAGES = [
    ("home", []),
    ("members:member-list", []),
    ("members:member-detail", ["guangzhou"]),
    ("members:board", []),
    ("members:secretariats", []),
    ("alliances:alliance-list", []),
    ("alliances:alliance-detail", ["mou"]),
    ("alliances:plan-list", []),
    ("alliances:plan-detail", ["sap"]),
    ("news:post-list", []),
    ("news:post-detail", ["news"]),
    ("news:category", ["innovation"]),
]


def get_page(client, name, args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_every_page_has_landmarks_and_a_skip_link(client, site, name, args):
    html = get_page(client, name, args)

    assert '<a class="skip-link" href="#content">' in html
    for landmark in ("<header", '<nav class="site-nav"', '<main id="content"'):
        assert landmark in html
    assert "<footer" in html
    assert html.count("<h1") == 1


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_every_page_has_a_title_and_a_description(client, site, name, args):
    html = get_page(client, name, args)

    title = re.search(r"<title>(.+?)</title>", html).group(1)
    description = re.search(r'<meta name="description" content="([^"]+)">', html)
    assert title.strip() and "Metropolis" in title
    assert description and description.group(1).strip()


def test_pages_have_distinct_titles(client, site):
    titles = {
        re.search(r"<title>(.+?)</title>", get_page(client, name, args)).group(1)
        for name, args in PAGES
    }

    assert len(titles) == len(PAGES)


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_no_page_uses_inline_styles_or_scripts(client, site, name, args):
    html = get_page(client, name, args)

    assert " style=" not in html
    assert "<script" not in html


def test_layout_uses_the_self_hosted_stylesheet(client):
    html = get_page(client, "home", [])

    assert '<link rel="stylesheet" href="/static/css/site.css">' in html


def test_navigation_marks_the_current_section(client, site):
    html = get_page(client, "alliances:alliance-list", [])

    alliances = reverse("alliances:alliance-list")
    assert f'<a href="{alliances}" aria-current="page">' in html


# Home


def test_home_shows_figures_at_a_glance(client):
    factories.MemberCityFactory(population=22_000_000)
    factories.MemberCityFactory.create_batch(2)
    today = timezone.localdate()
    factories.AllianceFactory(signed_on=today, start_date=today)

    response = client.get(reverse("home"))

    assert response.context["figures"] == {
        "members": 3,
        "megacities": 1,
        "regions": 3,
        "alliances": 1,
    }
    assert "<strong>3</strong> member cities" in response.content.decode()


def test_home_shows_the_president_and_the_board(client):
    factories.BoardMandateFactory(role=Role.PRESIDENT, member__name="Guangzhou")
    factories.BoardMandateFactory(role=Role.TREASURER, member__name="Barcelona")
    factories.BoardMandateFactory(
        role=Role.PRESIDENT,
        member__name="Berlin",
        start_date=datetime.date(2016, 1, 1),
        end_date=datetime.date(2019, 12, 31),
    )

    html = get_page(client, "home", [])

    assert re.search(r"President: <a [^>]+>Guangzhou</a>", html)
    assert "Treasurer: <a" in html
    assert "Berlin" not in html


def test_home_shows_the_latest_published_news(client):
    factories.NewsPostFactory(title="Fresh news")
    factories.NewsPostFactory(title="Draft news", status="draft", published_at=None)

    html = get_page(client, "home", [])

    assert "Fresh news" in html
    assert "Draft news" not in html


@pytest.mark.parametrize("size", [3, 25])
def test_home_costs_the_same_queries_whatever_the_data(
    client, django_assert_num_queries, size
):
    factories.BoardMandateFactory.create_batch(size)
    factories.NewsPostFactory.create_batch(size)
    factories.AllianceFactory.create_batch(size)
    today = timezone.localdate()
    factories.AllianceFactory.create_batch(size, signed_on=today, start_date=today)
    for n in range(size):
        Meeting.objects.create(
            body=Meeting.Body.BOARD,
            title=f"Board {n}",
            slug=f"board-{n}",
            starts_at=timezone.now() + datetime.timedelta(days=n + 1),
            convened_on=today,
            status=Meeting.Status.CONVENED,
        )

    # The tables' versions and the four figures' counts; the board with
    # today's roles in one query (not the President apart); the small map:
    # its members and the regions of their colours; the next meeting; the
    # agreements in force; the latest news. Then the versions, the meeting,
    # the agreements and the news: the figures, the map and the board from
    # the cache (core.counts, the page's fragments), while nothing changed.
    with django_assert_num_queries(11):
        client.get(reverse("home"))
    with django_assert_num_queries(4):
        client.get(reverse("home"))


# Error pages


def test_not_found_page_uses_the_site_layout(client):
    response = client.get("/no-such-page/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    html = response.content.decode()
    assert "Page not found" in html
    assert "/static/css/site.css" in html
    assert '<main id="content"' in html


def test_permission_denied_page_uses_the_site_layout():
    request = RequestFactory().get("/")

    response = defaults.permission_denied(request, PermissionDenied())

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "Access denied" in response.content.decode()
    assert "/static/css/site.css" in response.content.decode()


def test_server_error_page_needs_no_context_nor_database(django_assert_num_queries):
    request = RequestFactory().get("/")

    with django_assert_num_queries(0):
        response = defaults.server_error(request)

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    html = response.content.decode()
    assert "Something went wrong" in html
    assert "/static/css/site.css" in html
