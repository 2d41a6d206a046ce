"""One rule, one place for reads: who sees which posts and people is each
model's visible_to(viewer), and today's board roles are one QuerySet method,
whatever page or endpoint shows them."""

import datetime
import re
import xml.etree.ElementTree as ET
from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from members.models import BoardMandate, Person
from members.viewers import ANONYMOUS, Viewer
from news.models import NewsPost
from tests import factories
from tests.admin_utils import admin_url
from tests.api_utils import key_client

pytestmark = pytest.mark.django_db

Role = BoardMandate.Role
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def posts(member, other_member):
    """A public post, one scheduled, a draft of the secretariat's, and a
    proposal of each city."""
    hidden = {"published_at": None}
    return {
        "public": factories.NewsPostFactory(slug="public"),
        "scheduled": factories.NewsPostFactory(
            slug="scheduled",
            published_at=timezone.now() + datetime.timedelta(days=1),
        ),
        "draft": factories.NewsPostFactory(slug="draft", status="draft", **hidden),
        "own": factories.NewsPostFactory(
            slug="own", status="submitted", proposed_by=member, **hidden
        ),
        "other": factories.NewsPostFactory(
            slug="other", status="submitted", proposed_by=other_member, **hidden
        ),
    }


def api_slugs(client) -> set[str]:
    response = client.get(reverse("api:newspost-list"), {"page_size": 100})
    assert response.status_code == HTTPStatus.OK, response.content
    return {row["slug"] for row in response.json()["results"]}


def logged_in(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


@pytest.mark.usefixtures("posts")
def test_the_api_shows_each_persona_the_posts_visible_to_it(
    member, liaison, other_liaison, editor, key_owner
):
    personas = {
        "visitor": (APIClient(), ANONYMOUS),
        "read key": (key_client(key_owner, "read"), Viewer(key_scope="read")),
        "liaison": (logged_in(liaison), Viewer(member_id=member.pk)),
        "other liaison": (
            logged_in(other_liaison),
            Viewer(member_id=other_liaison.liaison.member_id),
        ),
        "editor": (logged_in(editor), Viewer(secretariat=True)),
    }

    seen = {name: api_slugs(client) for name, (client, _) in personas.items()}

    assert seen == {
        name: set(NewsPost.objects.visible_to(viewer).values_list("slug", flat=True))
        for name, (_, viewer) in personas.items()
    }
    assert seen == {
        "visitor": {"public"},
        "read key": {"public"},
        "liaison": {"public", "own"},
        "other liaison": {"public", "other"},
        "editor": {"public", "scheduled", "draft", "own", "other"},
    }


def test_the_site_and_the_feed_show_a_visitor_what_the_api_does(client, liaison, posts):
    public_page = client.get(reverse("news:post-list")).content.decode()
    feed = ET.fromstring(client.get(reverse("news:feed")).content)
    entries = {link.get("href") for link in feed.iter(f"{ATOM}link")}

    for name, post in posts.items():
        shown = name == "public"
        assert (post.get_absolute_url() in public_page) is shown
        assert any(href.endswith(post.get_absolute_url()) for href in entries) is (
            shown
        )
    assert api_slugs(APIClient()) == {"public"}


def test_a_liaison_follows_its_proposals_in_the_portal_as_in_the_api(liaison, posts):
    portal = Client()
    portal.force_login(liaison)

    listed = portal.get(reverse("portal:proposal-list")).context["object_list"]

    assert {post.slug for post in listed} == api_slugs(logged_in(liaison)) - {"public"}


def test_people_visible_to_a_visitor_on_the_member_page_and_in_the_api(client, member):
    factories.PersonFactory(name="Public contact", organisation=member, is_public=True)
    factories.PersonFactory(
        name="Private contact", organisation=member, is_public=False
    )

    page = client.get(member.get_absolute_url()).content.decode()
    api = APIClient().get(reverse("api:person-list")).json()["results"]

    visible = set(Person.objects.visible_to(ANONYMOUS).values_list("name", flat=True))
    assert visible == {"Public contact"}
    assert {row["name"] for row in api} == visible
    assert "Public contact" in page
    assert "Private contact" not in page


# Today's board roles -------------------------------------------------------------


@pytest.fixture
def board():
    """Guangzhou holds two seats today, Barcelona one; Berlin's is past."""
    guangzhou = factories.MemberCityFactory(name="Guangzhou", slug="guangzhou")
    barcelona = factories.MemberCityFactory(name="Barcelona", slug="barcelona")
    berlin = factories.MemberCityFactory(name="Berlin", slug="berlin")
    for role in (Role.BOARD_MEMBER, Role.PRESIDENT):
        factories.BoardMandateFactory(member=guangzhou, role=role)
    factories.BoardMandateFactory(member=barcelona, role=Role.TREASURER)
    factories.BoardMandateFactory(
        member=berlin,
        role=Role.VICE_PRESIDENT,
        start_date=datetime.date(2016, 1, 1),
        end_date=datetime.date(2019, 12, 31),
    )
    return guangzhou


def test_todays_roles_are_the_same_everywhere_president_first(
    client, editor_client, board
):
    api = APIClient().get(reverse("api:membercity-detail", args=["guangzhou"]))
    directory = client.get(reverse("members:member-list")).content.decode()
    admin = editor_client.get(
        admin_url("members.membercity", "changelist")
    ).content.decode()
    home = client.get(reverse("home")).content.decode()

    assert api.json()["current_roles"] == ["president", "board_member"]
    card = directory[directory.index(">Guangzhou<") :].split("</ul>")[0]
    assert re.search(r"President</li>.*Board member</li>", card, re.S)
    assert "President, Board member" in admin
    assert re.search(r"President: <a [^>]+>Guangzhou</a>", home)
    seats = re.findall(r"<li>([^:<]+): <a [^>]+>(\w+)</a></li>", home)
    assert seats == [("Treasurer", "Barcelona"), ("Board member", "Guangzhou")]
    assert "Berlin" not in home
