"""Pages whose every free-text field holds XSS payloads, opened in Chromium:
no dialog opens, no payload script runs (it would set `window.__xss`), no
event handler or script URL reaches the DOM, and the Content-Security-Policy
has nothing to block."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.hostile.world import build_world

pytestmark = pytest.mark.django_db(transaction=True)

# Runs before the page's own scripts, outside the Content-Security-Policy.
WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(event.violatedDirective + " " + event.blockedURI);
});
"""
# What a payload would leave in the page if it were live.
INSPECT = """() => {
  const live = [];
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const value = attribute.value.replace(/[\\s\\x00-\\x1f]/g, "").toLowerCase();
      if (attribute.name.startsWith("on")) {
        live.push(`${element.tagName} ${attribute.name}`);
      } else if (["href", "src", "action", "formaction", "data", "xlink:href"]
          .includes(attribute.name)
          && /^(javascript|vbscript|data):/.test(value)) {
        live.push(`${element.tagName} ${attribute.name}=${attribute.value}`);
      }
    }
  }
  for (const script of document.scripts) {
    if (script.text.includes("__xss") || script.text.includes("alert(")) {
      live.push(`script ${script.text.slice(0, 60)}`);
    }
  }
  return {
    ran: window.__xss !== undefined,
    live,
    blocked: window.__csp.filter((v) => !v.startsWith("style-src")),
    shown: document.body.innerText.includes("onerror=window.__xss=1"),
  };
}"""

PROBE = "<p>probe</p><img src=x onerror=window.__xss=1><svg onload=alert(1)>"


def public_pages(world):
    return [
        reverse("home"),
        reverse("members:member-list"),
        reverse("members:member-detail", args=[world.member.slug]),
        reverse("members:board"),
        reverse("members:secretariats"),
        reverse("alliances:alliance-list"),
        reverse("alliances:alliance-detail", args=[world.alliance.slug]),
        reverse("alliances:plan-detail", args=[world.plan.slug]),
        reverse("news:post-list"),
        reverse("news:post-detail", args=[world.post.slug]),
    ]


def portal_pages(world):
    return [
        reverse("portal:dashboard"),
        reverse("portal:profile"),
        reverse("portal:contacts"),
        reverse("portal:proposal-detail", args=[world.proposal.pk]),
        reverse("portal:proposal-edit", args=[world.proposal.pk]),
    ]


def admin_pages(world):
    pages = []
    for obj in (world.member, world.alliance, world.post, world.person):
        info = f"admin:{obj._meta.app_label}_{obj._meta.model_name}"
        pages += [
            reverse(f"{info}_changelist"),
            reverse(f"{info}_change", args=[obj.pk]),
            reverse(f"{info}_history", args=[obj.pk]),
        ]
    return [*pages, reverse("admin:axes_accessattempt_changelist")]


def log_in(page, live_server, user):
    """The browser carries `user`'s session cookie."""
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_stored_payloads_never_run_in_the_browser(page, live_server):
    world = build_world()
    superuser = factories.UserFactory(is_staff=True, is_superuser=True)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script(WATCH)
    # The watch sees a payload that does run (a page served without the app).
    probe = live_server.url + "/__probe__"
    page.route(probe, lambda route: route.fulfill(body=PROBE, content_type="text/html"))
    page.goto(probe)
    assert page.evaluate(INSPECT)["ran"] and page.evaluate(INSPECT)["live"]
    assert dialogs == ["1"]
    dialogs.clear()
    visits = [
        (None, public_pages(world)),
        (world.liaison, portal_pages(world)),
        (superuser, admin_pages(world)),
    ]

    found = {}
    for user, paths in visits:
        if user is not None:
            log_in(page, live_server, user)
        for path in paths:
            response = page.goto(live_server.url + path)
            assert response.ok, path
            # Hover and focus whatever a payload could have hooked.
            page.mouse.move(5, 5)
            page.mouse.move(400, 300)
            page.keyboard.press("Tab")
            found[path] = page.evaluate(INSPECT)

    assert dialogs == []
    for path, seen in found.items():
        assert not seen["ran"], path
        assert seen["live"] == [], path
        assert seen["blocked"] == [], path
    # The payloads were on the pages, as text.
    assert sum(seen["shown"] for seen in found.values()) >= len(found) - 3
