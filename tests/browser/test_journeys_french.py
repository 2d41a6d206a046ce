"""The visitor's journey of test_journeys.py once in French: from the English
home page to French with the switcher, through the directory, a member, an
alliance, its plan and a news post, every page in French under /fr/, and
back to English on the same page.

The names looked for are the catalogue's and the content's own French (or
their fallback), read at test time: the journey holds while the catalogue
and the demo's translations grow."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext
from playwright.sync_api import expect

from alliances.models import Alliance
from members.models import MemberCity
from news.models import NewsPost
from tests.browser.test_journeys import ALLIANCE, POST

pytestmark = pytest.mark.django_db(transaction=True)


def french(text: str) -> str:
    with translation.override("fr"):
        return gettext(text)


def heading(page, name):
    return page.get_by_role("heading", level=1, name=name)


def expect_french(page, path: str):
    expect(page).to_have_url(re.compile(rf"/fr{re.escape(path)}(\?.*)?$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")


def test_visitor_browses_the_site_in_french(page, live_server, demo):
    guangzhou = MemberCity.objects.get(slug="guangzhou")
    alliance = Alliance.objects.get(title=ALLIANCE)
    post = NewsPost.objects.get(title=POST)
    with translation.override("fr"):
        region = guangzhou.region.name
        alliance_title, plan_title = alliance.title, alliance.plan.title
        post_title = post.title

    page.goto(live_server.url)
    page.get_by_role("navigation", name="Language").get_by_role(
        "link", name="Français"
    ).click()
    expect_french(page, "/")

    page.get_by_role("navigation", name=french("Main")).get_by_role(
        "link", name=french("Members"), exact=True
    ).click()
    expect_french(page, reverse("members:member-list"))
    expect(heading(page, french("Member directory"))).to_be_visible()
    page.locator("select[name=region]").select_option(label=region)
    page.get_by_role("button", name=french("Apply")).click()
    with translation.override("fr"):
        one_member = ngettext("%(counter)s member", "%(counter)s members", 1)
    expect(page.get_by_role("status")).to_have_text(one_member % {"counter": 1})

    page.get_by_role("link", name="Guangzhou", exact=True).click()
    expect_french(page, guangzhou.get_absolute_url())
    expect(heading(page, "Guangzhou")).to_be_visible()

    page.get_by_role("link", name=alliance_title).click()
    expect_french(page, alliance.get_absolute_url())
    expect(heading(page, alliance_title)).to_be_visible()

    page.get_by_role("link", name=plan_title).click()
    expect_french(page, alliance.plan.get_absolute_url())
    expect(heading(page, plan_title)).to_be_visible()

    page.go_back()
    page.get_by_role("link", name=post_title).click()
    expect_french(page, post.get_absolute_url())
    expect(heading(page, post_title)).to_be_visible()

    page.get_by_role("navigation", name=french("Language")).get_by_role(
        "link", name="English"
    ).click()
    expect(page).to_have_url(live_server.url + post.get_absolute_url())
    expect(page.locator("html")).to_have_attribute("lang", "en")
