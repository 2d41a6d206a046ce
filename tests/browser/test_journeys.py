"""The personas' journeys through the site, end to end in Chromium."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from members.models import MemberCity
from news.models import Category, NewsPost
from news.services import news_propose
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

ALLIANCE = "Alliance with Guangzhou: Memorandum of Understanding 2021–2024"
PLAN = "Strategic Action Plan 2021–2023"
POST = (
    "Metropolis signs collaboration agreement with Guangzhou to expand our "
    "mission worldwide"
)
PROPOSAL = "Guangzhou opens its Urban Innovation Lab"
PHONE = {"width": 375, "height": 667}


def url(live_server, name, **kwargs) -> str:
    return live_server.url + reverse(name, kwargs=kwargs or None)


def main_nav(page):
    return page.get_by_role("navigation", name="Main")


def heading(page, name):
    return page.get_by_role("heading", level=1, name=name)


@pytest.fixture
def guangzhou(demo) -> MemberCity:
    return MemberCity.objects.get(slug="guangzhou")


@pytest.fixture
def liaison(guangzhou):
    """Guangzhou's liaison, with the factories' password."""
    return factories.LiaisonFactory(
        user__username="guangzhou-liaison", member=guangzhou
    ).user


@pytest.fixture
def editor():
    return factories.EditorFactory(username="editor")


@pytest.fixture
def proposal(guangzhou, liaison) -> NewsPost:
    """A news post Guangzhou's liaison submitted for review."""
    return news_propose(
        member=guangzhou,
        author=liaison,
        data={
            "title": PROPOSAL,
            "category": Category.objects.get(slug="urban-innovation"),
            "summary": "A lab for the city's start-ups.",
            "body": "The lab opens in **Tianhe** district.",
        },
    )


def log_in(page, login_url, username):
    page.goto(login_url)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Log in").click()


def press_until_focused(page, key, selector, limit=40):
    """Press `key` until the element matching `selector` has the focus."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(
            "selector => document.activeElement.matches(selector)", selector
        ):
            return
    raise AssertionError(f"{key} never reached {selector}")


def test_visitor_browses_from_the_directory_to_the_news_post(page, live_server, demo):
    page.goto(live_server.url)
    expect(heading(page, "The world association of major metropolises")).to_be_visible()

    main_nav(page).get_by_role("link", name="Members").click()
    expect(heading(page, "Member directory")).to_be_visible()
    page.get_by_label("Region").select_option(label="Asia-Pacific")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("status")).to_have_text("1 member")
    expect(page.get_by_role("link", name="Barcelona")).to_have_count(0)

    page.get_by_role("link", name="Guangzhou", exact=True).click()
    expect(heading(page, "Guangzhou")).to_be_visible()
    expect(page.get_by_text("Asia-Pacific", exact=True)).to_be_visible()

    page.get_by_role("link", name=ALLIANCE).click()
    expect(heading(page, ALLIANCE)).to_be_visible()
    expect(
        page.get_by_text("Guangzhou Foreign Affairs Office", exact=True)
    ).to_be_visible()

    page.get_by_role("link", name=PLAN).click()
    expect(heading(page, PLAN)).to_be_visible()
    expect(page.get_by_role("list").filter(has_text="Listen actively")).to_be_visible()

    page.go_back()
    expect(heading(page, ALLIANCE)).to_be_visible()

    page.get_by_role("link", name=POST).click()
    expect(heading(page, POST)).to_be_visible()
    expect(page.get_by_role("article")).to_contain_text(
        "Metropolis and the Guangzhou Foreign Affairs Office signed an Agreement"
    )


def test_liaison_corrects_the_population_and_proposes_a_post(
    page, live_server, guangzhou, liaison
):
    log_in(page, url(live_server, "login"), "guangzhou-liaison")
    expect(heading(page, "Portal of Guangzhou")).to_be_visible()

    portal = page.get_by_role("navigation", name="Portal")
    portal.get_by_role("link", name="Profile").click()
    page.get_by_label("Population:", exact=True).fill("22500000")
    page.get_by_role("button", name="Save the profile").click()
    expect(page.get_by_role("status")).to_contain_text(
        "The profile of Guangzhou was saved."
    )
    page.goto(url(live_server, "members:member-detail", slug="guangzhou"))
    expect(page.get_by_text("22,500,000 (2021)")).to_be_visible()

    main_nav(page).get_by_role("link", name="Portal").click()
    portal.get_by_role("link", name="News proposals").click()
    page.get_by_role("link", name="Propose a news post").click()
    page.get_by_label("Title:", exact=True).fill(PROPOSAL)
    page.get_by_label("Category").select_option(label="Urban Innovation")
    page.get_by_label("Body:", exact=True).fill("The lab opens in **Tianhe** district.")
    page.get_by_role("button", name="Submit for review").click()

    expect(heading(page, PROPOSAL)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("was submitted for review")
    expect(page.get_by_text("Submitted for review", exact=True)).to_be_visible()


def test_editor_publishes_a_proposal_from_the_admin(
    page, live_server, editor, proposal
):
    log_in(page, url(live_server, "admin:login"), "editor")
    page.get_by_role("link", name="News posts").click()
    page.get_by_role("link", name="Submitted for review").click()
    row = page.get_by_role("row").filter(has_text=PROPOSAL)
    row.get_by_role("checkbox").check()
    actions = page.get_by_role("combobox", name=re.compile("^Action"))
    actions.select_option(label="Publish selected posts")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("1 post published.")).to_be_visible()

    page.goto(url(live_server, "news:post-list"))
    expect(page.get_by_role("link", name=PROPOSAL)).to_be_visible()
    feed = page.request.get(url(live_server, "news:feed"))
    assert feed.ok
    assert PROPOSAL in feed.text()


def test_directory_filters_work_with_the_keyboard_alone(page, live_server, demo):
    page.goto(url(live_server, "members:member-list"))

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()

    press_until_focused(page, "Tab", "select[name=region]")
    page.keyboard.type("Asia")
    expect(page.get_by_label("Region")).to_have_value("asia-pacific")
    press_until_focused(page, "Tab", "button[type=submit]")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"[?&]region=asia-pacific"))
    expect(page.get_by_role("status")).to_have_text("1 member")
    expect(page.get_by_role("link", name="Guangzhou", exact=True)).to_be_visible()


@pytest.mark.parametrize("name", ["home", "members:member-list"])
def test_pages_fit_a_phone_screen(page, live_server, demo, name):
    page.set_viewport_size(PHONE)
    page.goto(url(live_server, name))

    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    members = main_nav(page).get_by_role("link", name="Members")
    expect(members).to_be_in_viewport()
    members.click()
    expect(heading(page, "Member directory")).to_be_visible()


def test_markdown_in_a_post_renders_inert(page, live_server):
    post = factories.NewsPostFactory(
        title="Hostile post",
        body=(
            "Before <script>alert('script')</script> after.\n\n"
            '<img src="missing.png" onerror="alert(\'onerror\')">\n\n'
            "[Click me](javascript:alert('link'))\n\n"
            "<a href=\"javascript:alert('raw')\">Raw link</a>"
        ),
    )
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(live_server.url + post.get_absolute_url())
    body = page.locator("article .prose")
    expect(body).to_contain_text("Click me")
    body.get_by_text("Click me").click()
    body.get_by_text("Raw link").click()

    assert dialogs == []
    expect(body.locator("script")).to_have_count(0)
    expect(body.locator("[onerror]")).to_have_count(0)
    expect(page.locator("a[href^='javascript:' i]")).to_have_count(0)
