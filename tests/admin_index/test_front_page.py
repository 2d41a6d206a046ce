"""The admin's front page: what needs attention, one panel per kind, each
with its count, its first rows and a link to the changelist that lists the
same rows; only the panels of models the user may view."""

import datetime
from http import HTTPStatus

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alliances.models import Alliance
from governance.models import Meeting
from news.models import NewsPost
from notifications.models import Kind, Message
from partners.models import PartnerKey
from tests import factories
from tests.dues.utils import make_city, make_grid, make_invoice
from webhooks.models import WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db

PANELS = [
    "news-proposals",
    "alliances-expiring",
    "invoices-overdue",
    "meetings-coming",
    "messages-failed",
    "webhooks-failed",
]


def expiring_alliance(title: str, days_left: int) -> Alliance:
    """Signed three years ago, ending in about `days_left` days."""
    today = timezone.localdate()
    start = today - datetime.timedelta(days=3 * 365 - days_left)
    return factories.AllianceFactory(
        title=title, signed_on=start, start_date=start, term_years=3
    )


def failed_message(offset: int, status=Message.Status.FAILED) -> Message:
    member = factories.MemberCityFactory()
    return Message.objects.create(
        kind=Kind.ALLIANCE_EXPIRING,
        recipient_email=f"contact{offset}@example.org",
        content_type=ContentType.objects.get_for_model(member),
        object_id=str(member.pk),
        object_label=f"Message about {member.name}",
        language="en",
        offset=offset,
        status=status,
    )


def delivery(endpoint, status=WebhookDelivery.Status.FAILED) -> WebhookDelivery:
    return WebhookDelivery.objects.create(
        endpoint=endpoint, event="alliance.extended", payload={}, status=status
    )


@pytest.fixture
def endpoint():
    owner = factories.UserFactory(username="partner-owner")
    key, _ = PartnerKey.objects.create_key(name="partner", owner=owner, scope="read")
    return WebhookEndpoint.objects.create(
        key=key, url="https://partner.example.net/hook", events=["alliance.extended"]
    )


@pytest.fixture
def world(endpoint):
    """Two of each thing needing attention, and one of each that does not."""
    for title in ["Proposal from Lima", "Proposal from Oslo"]:
        factories.NewsPostFactory(
            title=title, status=NewsPost.Status.SUBMITTED, published_at=None
        )
    factories.NewsPostFactory(title="Published news")

    expiring_alliance("Ending in a month", 30)
    expiring_alliance("Ending in two months", 60)
    expiring_alliance("Ending next year", 400)

    make_grid()
    make_invoice(make_city(name="Overdue City", slug="overdue-city"))
    make_invoice(make_city(name="Late Town", slug="late-town"))
    make_invoice(
        make_city(name="Future City", slug="future-city"),
        due_on=timezone.localdate() + datetime.timedelta(days=10),
    )

    now = timezone.now()
    for days, title in [
        (10, "Board in ten days"),
        (20, "Assembly in twenty"),
        (-5, "Past"),
    ]:
        Meeting.objects.create(
            body=Meeting.Body.BOARD,
            title=title,
            slug=title.lower().replace(" ", "-"),
            starts_at=now + datetime.timedelta(days=days),
            place="Barcelona",
            status=Meeting.Status.PLANNED,
        )

    failed_message(90)
    failed_message(30)
    failed_message(7, status=Message.Status.SENT)

    delivery(endpoint)
    delivery(endpoint)
    delivery(endpoint, status=WebhookDelivery.Status.DELIVERED)


def panels(response) -> dict:
    return {panel["key"]: panel for panel in response.context["attention"]}


def test_editor_sees_every_panel_with_its_count_and_rows(client, editor, world):
    client.force_login(editor)
    response = client.get(reverse("admin:index"))
    assert response.status_code == HTTPStatus.OK
    shown = panels(response)
    # And last, the translations older than their source (tests/stale_i18n).
    assert list(shown) == [*PANELS, "stale-translations"]
    assert {key: shown[key]["count"] for key in PANELS} == dict.fromkeys(PANELS, 2)
    content = response.content.decode()
    for label in [
        "Proposal from Lima",
        "Ending in a month",
        "Overdue City",
        "Board in ten days",
        "contact90@example.org",
        "https://partner.example.net/hook",
    ]:
        assert label in content
    for label in ["Published news", "Ending next year", "Future City", ">Past<"]:
        assert label not in content


def test_rows_are_in_the_order_that_needs_attention_first(client, editor, world):
    client.force_login(editor)
    shown = panels(client.get(reverse("admin:index")))
    labels = [row["label"] for row in shown["alliances-expiring"]["rows"]]
    assert labels == ["Ending in a month", "Ending in two months"]
    labels = [row["label"] for row in shown["meetings-coming"]["rows"]]
    assert labels == ["Board in ten days", "Assembly in twenty"]


@pytest.mark.parametrize("key", PANELS)
def test_each_panel_links_to_the_changelist_of_the_same_rows(
    client, editor, world, key
):
    client.force_login(editor)
    panel = panels(client.get(reverse("admin:index")))[key]
    response = client.get(panel["url"])
    assert response.status_code == HTTPStatus.OK
    # Not the redirect to "?e=1" that an unknown filter gets.
    changelist = response.context["cl"]
    assert changelist.result_count == panel["count"]
    assert {str(row) for row in changelist.result_list} == {
        row["label"] for row in panel["rows"]
    }


def test_a_row_links_to_its_change_page(client, editor, world):
    client.force_login(editor)
    row = panels(client.get(reverse("admin:index")))["news-proposals"]["rows"][0]
    response = client.get(row["url"])
    assert response.status_code == HTTPStatus.OK
    assert response.context["original"].title == row["label"]


def test_a_panel_shows_five_rows_and_counts_them_all(client, editor, world):
    for n in range(6):
        factories.NewsPostFactory(
            title=f"More {n}", status=NewsPost.Status.SUBMITTED, published_at=None
        )
    client.force_login(editor)
    response = client.get(reverse("admin:index"))
    panel = panels(response)["news-proposals"]
    assert panel["count"] == 8
    assert len(panel["rows"]) == 5
    assert "See all 8" in response.content.decode()


def test_nothing_to_attend_shows_zero(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:index"))
    assert {panel["count"] for panel in response.context["attention"]} == {0}
    assert "Nothing." in response.content.decode()


@pytest.mark.parametrize("key", PANELS)
def test_each_panel_reads_in_one_query(editor, world, key):
    panel = admin.site._panels[key]
    with CaptureQueriesContext(connection) as queries:
        panel.read()
    assert len(queries) == 1


def test_the_front_page_does_not_grow_with_the_data(
    client, editor, world, endpoint, django_assert_max_num_queries
):
    client.force_login(editor)
    client.get(reverse("admin:index"))  # the session and permissions, warmed
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("admin:index"))
    for n in range(10):
        factories.NewsPostFactory(
            title=f"More {n}", status=NewsPost.Status.SUBMITTED, published_at=None
        )
        failed_message(100 + n)
        delivery(endpoint)
        expiring_alliance(f"Also ending {n}", 40 + n)
    with django_assert_max_num_queries(len(few)):
        client.get(reverse("admin:index"))


def staff_with(*codenames: str):
    user = factories.UserFactory(username="clerk", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


def test_staff_sees_only_the_panels_it_may_view(client, world):
    client.force_login(staff_with("view_newspost", "view_meeting"))
    response = client.get(reverse("admin:index"))
    assert list(panels(response)) == ["news-proposals", "meetings-coming"]
    content = response.content.decode()
    assert "Proposal from Lima" in content
    assert "Overdue City" not in content
    assert "contact90@example.org" not in content


def test_staff_without_permissions_sees_no_panel(client, world):
    client.force_login(staff_with())
    response = client.get(reverse("admin:index"))
    assert response.context["attention"] == []
    assert "What needs attention" not in response.content.decode()


def test_a_visitor_is_sent_to_the_login(client, world):
    response = client.get(reverse("admin:index"))
    assert response.status_code == HTTPStatus.FOUND
    assert reverse("admin:login") in response.url
