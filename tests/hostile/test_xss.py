"""XSS payloads stored in every free-text field come out inert everywhere:
public pages, the portal, the admin, the Atom feeds and the API."""

from http import HTTPStatus
from urllib.parse import urlencode
from xml.etree import ElementTree

import pytest
from django.contrib import admin
from django.urls import resolve, reverse
from django.utils.html import escape
from markdown_it import MarkdownIt

from metropolis.api.urls import router
from news.models import NewsPost
from tests import factories
from tests.hostile import payloads
from tests.hostile.form_pages import main_form
from tests.hostile.inert import assert_inert, assert_json, html_problems
from tests.hostile.world import (
    api_caller,
    free_text_fields,
    hostile_values,
    models_with_free_text,
)

pytestmark = pytest.mark.django_db

# The CORE payload as an escaping template shows it: proof the field is shown.
SHOWN = escape("<img src=x onerror=window.__xss=1>")
ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_world_fills_every_model_with_free_text(world):
    assert models_with_free_text() == {type(obj) for obj in world.objects}
    for obj in world.objects:
        for field in free_text_fields(type(obj)):
            value = getattr(obj, field.name)
            assert "<" in value, f"{type(obj).__name__}.{field.name} holds no payload"


# Markdown rendered with no sanitizing at all: raw HTML passes, and so does
# any link scheme (markdown-it refuses javascript: links unless told not to).
UNSAFE_MARKDOWN = MarkdownIt("commonmark")
UNSAFE_MARKDOWN.validateLink = lambda url: True


@pytest.mark.parametrize("payload", payloads.XSS)
def test_the_check_finds_each_payload_left_live(payload):
    """The inertness check is not blind: each payload, put in a page without
    escaping (or rendered from Markdown without sanitizing), is found."""
    live = [
        f"<p>{payload}</p>",
        f'<input value="{payload}">',
        f"<input value='{payload}'>",
        UNSAFE_MARKDOWN.render(payload),
    ]
    inert = f'<p>{escape(payload)}</p><input value="{escape(payload)}">'

    assert any(html_problems(html) for html in live)
    assert html_problems(inert) == []


PUBLIC_PAGES = {
    "home": lambda w: {},
    "members:member-list": lambda w: {},
    "members:member-detail": lambda w: {"slug": w.member.slug},
    "members:board": lambda w: {},
    "members:secretariats": lambda w: {},
    "alliances:alliance-list": lambda w: {},
    "alliances:alliance-detail": lambda w: {"slug": w.alliance.slug},
    "alliances:plan-list": lambda w: {},
    "alliances:plan-detail": lambda w: {"slug": w.plan.slug},
    "news:post-list": lambda w: {},
    "news:category": lambda w: {"slug": w.category.slug},
    "news:post-detail": lambda w: {"slug": w.post.slug},
}


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_show_payloads_inert(client, world, name):
    response = client.get(reverse(name, kwargs=PUBLIC_PAGES[name](world)))

    assert response.status_code == HTTPStatus.OK
    assert_inert(response)
    assert SHOWN in response.content.decode()


def test_the_secretariat_preview_of_a_draft_post_is_inert(client, world):
    client.force_login(world.editor)

    response = client.get(reverse("news:post-detail", args=[world.proposal.slug]))

    assert response.status_code == HTTPStatus.OK
    assert_inert(response)


SITE_FILTERED_LISTS = [
    "members:member-list",
    "alliances:alliance-list",
    "news:post-list",
]


@pytest.mark.parametrize("name", SITE_FILTERED_LISTS)
def test_filter_values_echoed_by_site_lists_are_inert(client, world, name):
    view = resolve(reverse(name))
    filters = view.func.view_class.filterset_class.base_filters
    query = dict.fromkeys(filters, payloads.CORE)

    response = client.get(reverse(name), query)

    assert response.status_code == HTTPStatus.OK
    assert response.context["filter"].errors  # the values came back, refused
    assert_inert(response)


PORTAL_PAGES = {
    "portal:dashboard": lambda w: {},
    "portal:profile": lambda w: {},
    "portal:contacts": lambda w: {},
    "portal:proposal-list": lambda w: {},
    "portal:proposal-detail": lambda w: {"pk": w.proposal.pk},
    "portal:proposal-edit": lambda w: {"pk": w.proposal.pk},
    "portal:proposal-create": lambda w: {},
}


@pytest.mark.parametrize("name", PORTAL_PAGES)
def test_portal_pages_show_payloads_inert(client, world, name):
    client.force_login(world.liaison)

    response = client.get(reverse(name, kwargs=PORTAL_PAGES[name](world)))

    assert response.status_code == HTTPStatus.OK
    assert_inert(response)
    if name != "portal:proposal-create":
        assert SHOWN in response.content.decode()


def test_the_proposal_preview_is_inert(client, world):
    client.force_login(world.liaison)
    texts = hostile_values(NewsPost)
    data = {
        "title": texts["title"],
        "summary": texts["summary"],
        "body": texts["body"],
        "category": world.category.pk,
        "preview": "1",
    }

    response = client.post(reverse("portal:proposal-create"), data)

    assert response.status_code == HTTPStatus.OK
    assert response.context["preview"] is not None
    assert_inert(response)
    assert not NewsPost.objects.filter(title=texts["title"]).exists()


def test_the_profile_form_shows_payloads_sent_back_inert(client, world):
    """A refused form shows the values it was sent, escaped."""
    client.force_login(world.liaison)
    data = main_form(client.get(reverse("portal:profile")))
    data |= {"summary": payloads.CORE, "population": payloads.CORE}

    response = client.post(reverse("portal:profile"), data)

    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["population"]
    assert_inert(response)


def admin_pages():
    """(model admin, page) for every registered model: list, search, change and
    history (an add form shows the same choices as a change form)."""
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        yield pytest.param(model, "changelist", id=f"{info[1]}-changelist")
        if model_admin.search_fields:
            yield pytest.param(model, "search", id=f"{info[1]}-search")
        yield pytest.param(model, "change", id=f"{info[1]}-change")
        yield pytest.param(model, "history", id=f"{info[1]}-history")


@pytest.fixture
def admin_client(client, world):
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(("model", "view"), list(admin_pages()))
def test_admin_pages_show_payloads_inert(admin_client, world, model, view):
    info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    obj = model._default_manager.order_by("pk").last()
    if view == "changelist":
        url = reverse(f"{info}_changelist")
    elif view == "search":
        url = reverse(f"{info}_changelist") + "?" + urlencode({"q": payloads.CORE})
    else:
        assert obj is not None, f"the world has no {model.__name__}"
        url = reverse(f"{info}_{view}", args=[obj.pk])

    response = admin_client.get(url)

    assert response.status_code == HTTPStatus.OK, url
    assert_inert(response, url)


def test_admin_return_action_page_is_inert(admin_client, world):
    NewsPost.objects.filter(pk=world.proposal.pk).update(
        status=NewsPost.Status.SUBMITTED
    )

    response = admin_client.post(
        reverse("admin:news_newspost_changelist"),
        {"action": "return_posts", "_selected_action": [world.proposal.pk]},
    )

    assert response.status_code == HTTPStatus.OK
    assert_inert(response)
    assert SHOWN in response.content.decode()


@pytest.mark.parametrize("name", ["news:feed", "news:category-feed"])
def test_feeds_carry_payloads_as_inert_text(client, world, name):
    kwargs = {"slug": world.category.slug} if name == "news:category-feed" else {}

    response = client.get(reverse(name, kwargs=kwargs))

    assert response.status_code == HTTPStatus.OK
    feed = ElementTree.fromstring(response.content)  # well-formed XML
    (entry,) = feed.iter(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == world.post.title
    for element in entry:
        if element.get("type") == "html":
            assert html_problems(element.text) == []
    for payload in payloads.XSS:
        if "<" in payload:
            assert payload.encode() not in response.content


def api_resources():
    for prefix, viewset, basename in router.registry:
        yield pytest.param(prefix, viewset, basename, id=prefix)


def world_object(viewset):
    return viewset.queryset.model._default_manager.order_by("pk").last()


@pytest.mark.parametrize(("prefix", "viewset", "basename"), list(api_resources()))
def test_api_gives_payloads_back_as_json_data(client, world, prefix, viewset, basename):
    client = api_caller(client, world, basename)
    obj = world_object(viewset)
    key = getattr(obj, viewset.lookup_field)

    response = client.get(reverse(f"api:{basename}-detail", args=[key]))

    assert response.status_code == HTTPStatus.OK
    data = assert_json(response)
    model = viewset.queryset.model
    for field in free_text_fields(model):
        if field.name in data and isinstance(data[field.name], str):
            assert data[field.name] == getattr(obj, field.name), field.name
    if "body_html" in data:
        assert html_problems(data["body_html"]) == []


@pytest.mark.parametrize(("prefix", "viewset", "basename"), list(api_resources()))
@pytest.mark.parametrize("kind", ["list", "detail"])
def test_the_browsable_api_shows_payloads_inert(
    client, world, prefix, viewset, basename, kind
):
    client = api_caller(client, world, basename)
    if kind == "list":
        url = reverse(f"api:{basename}-list") + f"?search={payloads.CORE}"
    else:
        key = getattr(world_object(viewset), viewset.lookup_field)
        url = reverse(f"api:{basename}-detail", args=[key])

    response = client.get(url, HTTP_ACCEPT="text/html")

    assert response.status_code in (HTTPStatus.OK, HTTPStatus.BAD_REQUEST)
    assert response["Content-Type"].startswith("text/html")
    assert_inert(response, url)
