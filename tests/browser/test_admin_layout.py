"""The admin on a 1280-pixel laptop screen, in Chromium: the changelists fit,
and a form notes the time difference with the server once."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from alliances.models import Alliance
from members.models import MemberCity
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

LAPTOP = {"width": 1280, "height": 800}
# Seven hours ahead of Madrid in winter, six in summer: the admin notes it.
AHEAD_OF_MADRID = "Asia/Shanghai"


@pytest.fixture
def editor_page(browser, live_server):
    context = browser.new_context(viewport=LAPTOP, timezone_id=AHEAD_OF_MADRID)
    page = context.new_page()
    page.set_default_timeout(10_000)
    factories.EditorFactory(username="editor")
    page.goto(live_server.url + reverse("admin:login"))
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    yield page
    context.close()


@pytest.fixture
def long_rows(demo):
    """Rows with long values in every column the lists show."""
    guangzhou = MemberCity.objects.get(slug="guangzhou")
    factories.MemberCityFactory(
        name="Metropolitan Region of Greater Buenos Aires", country="AR"
    )
    start = timezone.localdate() - datetime.timedelta(days=300)
    factories.AllianceFactory(
        title="Alliance with the Metropolitan Area Planning Council 2025–2028",
        kind=Alliance.Kind.GRANTING_MEMBER,
        granting_member=guangzhou,
        counterpart="Municipal Office of International Cooperation",
        signed_on=start,
        start_date=start,
        term_years=1,
    )


def overflow(page) -> int:
    """How many pixels of the list's table are hidden to the right."""
    return page.evaluate(
        "() => { const r = document.querySelector('#changelist .results');"
        " return r.scrollWidth - r.clientWidth; }"
    )


@pytest.mark.parametrize("model", ["members_membercity", "alliances_alliance"])
def test_changelist_columns_fit_a_laptop_screen(
    editor_page, live_server, long_rows, model
):
    editor_page.goto(live_server.url + reverse(f"admin:{model}_changelist"))
    assert overflow(editor_page) <= 0


def test_a_form_notes_the_time_difference_once(editor_page, live_server, demo):
    # Signed on, start date, terminated on, and the extensions' two dates.
    alliance = Alliance.objects.get(slug="guangzhou-mou-2021")
    factories.AllianceExtensionFactory(
        alliance=alliance, new_end_date=datetime.date(2030, 7, 14)
    )
    editor_page.goto(
        live_server.url + reverse("admin:alliances_alliance_change", args=[alliance.pk])
    )
    notes = editor_page.locator(".timezonewarning")
    expect(notes.first).to_be_visible()
    assert notes.count() == 1
    assert "ahead of server time" in notes.first.inner_text()
