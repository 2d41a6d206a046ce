import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from alliances.models import Alliance
from news.models import NewsPost
from tests import factories

pytestmark = pytest.mark.django_db

LIST_SIZES = [3, 25]
DRAFT = {"signed_on": None, "start_date": None, "term_years": None}


def running(**kwargs):
    """An alliance in force: three years from a year ago."""
    start = timezone.localdate() - datetime.timedelta(days=365)
    return factories.AllianceFactory(signed_on=start, start_date=start, **kwargs)


def titles(response):
    return [alliance.title for alliance in response.context["object_list"]]


def get_alliance(client, alliance):
    return client.get(reverse("alliances:alliance-detail", args=[alliance.slug]))


# The list


def test_alliance_list_leaves_drafts_out(client):
    factories.AllianceFactory(title="Signed")
    factories.AllianceFactory(title="Unsigned", **DRAFT)

    response = client.get(reverse("alliances:alliance-list"))

    assert response.status_code == HTTPStatus.OK
    assert titles(response) == ["Signed"]
    assert "Unsigned" not in response.content.decode()


def test_alliance_list_filters_by_kind(client):
    factories.AllianceFactory(title="Partner")
    factories.AllianceFactory(title="Granted", granting=True)

    response = client.get(
        reverse("alliances:alliance-list"), {"kind": Alliance.Kind.GRANTING_MEMBER}
    )

    assert titles(response) == ["Granted"]


def test_alliance_list_filters_by_status(client):
    running(title="In force")
    factories.AllianceFactory(title="Over")

    response = client.get(reverse("alliances:alliance-list"), {"status": "active"})

    assert titles(response) == ["In force"]


def test_alliance_list_does_not_offer_the_draft_status(client):
    factories.AllianceFactory(**DRAFT)

    response = client.get(reverse("alliances:alliance-list"), {"status": "draft"})

    assert titles(response) == []
    assert response.context["filter"].errors["status"]


def test_alliance_list_filters_by_plan(client):
    plan = factories.StrategicActionPlanFactory(slug="sap-2021")
    factories.AllianceFactory(title="Serving", plan=plan)
    factories.AllianceFactory(title="Other")

    response = client.get(reverse("alliances:alliance-list"), {"plan": "sap-2021"})

    assert titles(response) == ["Serving"]


def test_alliance_list_filters_by_granting_member(client, member):
    factories.AllianceFactory(
        title="Guangzhou's", granting=True, granting_member=member
    )
    factories.AllianceFactory(title="Another's", granting=True)

    response = client.get(
        reverse("alliances:alliance-list"), {"granting_member": member.slug}
    )

    assert titles(response) == ["Guangzhou's"]


def test_alliance_list_paginates(client):
    factories.AllianceFactory.create_batch(21)

    response = client.get(reverse("alliances:alliance-list"), {"page": 2})

    assert len(response.context["object_list"]) == 1
    assert "Page 2 of 2" in response.content.decode()


@pytest.mark.parametrize("size", LIST_SIZES)
def test_alliance_list_costs_the_same_queries_whatever_its_size(
    client, django_assert_num_queries, size
):
    plan = factories.StrategicActionPlanFactory()
    factories.AllianceFactory.create_batch(size, granting=True, plan=plan)

    # The page, the tables' versions and the alliances' count, the plans of
    # the filter form, the timeline's extensions and plans; then the count
    # from the cache (core.counts).
    with django_assert_num_queries(6):
        client.get(reverse("alliances:alliance-list"))
    with django_assert_num_queries(5):
        client.get(reverse("alliances:alliance-list"))


# An alliance's page


def test_alliance_page_shows_the_agreement(client, member):
    plan = factories.StrategicActionPlanFactory(title="Strategic Action Plan 2021–2023")
    alliance = factories.AllianceFactory(
        granting=True,
        granting_member=member,
        counterpart="Guangzhou Foreign Affairs Office",
        plan=plan,
    )

    response = get_alliance(client, alliance)

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    for fact in (
        "Guangzhou Foreign Affairs Office",
        "Memorandum of understanding",
        "Alliance with a granting member",
        "July 15, 2021</time> (virtual)",
        "3 years",
        "Expired",
        plan.get_absolute_url(),
        member.get_absolute_url(),
    ):
        assert fact in html


def test_alliance_page_draws_the_term_with_its_extension(client):
    alliance = factories.AllianceFactory()
    factories.AllianceExtensionFactory(alliance=alliance)

    html = get_alliance(client, alliance).content.decode()

    term = html[html.index('class="timeline term-timeline"') :]
    days = ["2021-07-15", "2024-06-01", "2024-07-14", "2025-07-14"]
    positions = [term.index(f'datetime="{day}"') for day in days]
    assert positions == sorted(positions)
    assert "Extension agreed: the term now ends on July 14, 2025" in term
    assert 'class="event-today"' in term
    assert "term-elapsed w-100" in html


def test_alliance_page_counts_the_days_remaining(client):
    alliance = running()
    remaining = alliance.days_remaining()

    html = get_alliance(client, alliance).content.decode()

    assert f"{remaining} days remaining" in html
    assert "term-elapsed w-30" in html


def test_alliance_page_shows_public_signatories_and_contact_only(client):
    alliance = factories.AllianceFactory(
        contact=factories.PersonFactory(name="Hidden Contact", is_public=False)
    )
    factories.AllianceSignatoryFactory(
        alliance=alliance, person=factories.PersonFactory(name="Octavi de la Varga")
    )
    factories.AllianceSignatoryFactory(
        alliance=alliance,
        person=factories.PersonFactory(name="Hidden Signer", is_public=False),
    )

    html = get_alliance(client, alliance).content.decode()

    assert "Octavi de la Varga" in html
    assert "For the association".lower() in html
    assert "Hidden Signer" not in html
    assert "Hidden Contact" not in html


def test_alliance_page_never_shows_internal_notes(client):
    alliance = factories.AllianceFactory(internal_notes="Fee waived in secret")

    assert "Fee waived" not in get_alliance(client, alliance).content.decode()


def test_alliance_page_lists_its_published_news_only(client):
    alliance = factories.AllianceFactory()
    published = factories.NewsPostFactory(title="Signed at last")
    draft = factories.NewsPostFactory(
        title="Not yet out", status=NewsPost.Status.DRAFT, published_at=None
    )
    for post in (published, draft):
        post.related_alliances.add(alliance)

    content = get_alliance(client, alliance).content.decode()

    assert "Signed at last" in content
    assert "Not yet out" not in content


def test_draft_alliance_page_is_not_found(client):
    draft = factories.AllianceFactory(**DRAFT)

    assert get_alliance(client, draft).status_code == HTTPStatus.NOT_FOUND


def test_editor_previews_a_draft_alliance(editor_client):
    draft = factories.AllianceFactory(**DRAFT)

    response = get_alliance(editor_client, draft)

    assert response.status_code == HTTPStatus.OK
    assert "Preview — not public" in response.content.decode()


def test_alliance_page_costs_the_same_queries_whatever_its_size(
    client, django_assert_num_queries
):
    alliances = factories.AllianceFactory.create_batch(2)
    for alliance, size in zip(alliances, LIST_SIZES, strict=True):
        for year in range(size):
            factories.AllianceSignatoryFactory(alliance=alliance)
            factories.AllianceExtensionFactory(
                alliance=alliance, new_end_date=datetime.date(2025 + year, 1, 1)
            )

    # The alliance, its signatories, its extensions, its news, its documents.
    for alliance in alliances:
        with django_assert_num_queries(5):
            get_alliance(client, alliance)


# Strategic action plans


def test_plan_list_shows_plans(client):
    factories.StrategicActionPlanFactory(title="Strategic Action Plan 2021–2023")

    response = client.get(reverse("alliances:plan-list"))

    assert response.status_code == HTTPStatus.OK
    assert "Strategic Action Plan 2021–2023" in response.content.decode()


def test_plan_page_lists_objectives_in_order_and_public_alliances(client):
    plan = factories.StrategicActionPlanFactory()
    factories.PlanObjectiveFactory(plan=plan, position=2, text="Respond nimbly")
    factories.PlanObjectiveFactory(plan=plan, position=1, text="Listen actively")
    factories.AllianceFactory(plan=plan, title="Serving alliance")
    factories.AllianceFactory(plan=plan, title="Draft alliance", **DRAFT)

    response = client.get(reverse("alliances:plan-detail", args=[plan.slug]))

    html = response.content.decode()
    assert html.index("Listen actively") < html.index("Respond nimbly")
    assert "Serving alliance" in html
    assert "Draft alliance" not in html


def test_plan_page_of_an_unknown_slug_is_not_found(client):
    response = client.get(reverse("alliances:plan-detail", args=["no-plan"]))

    assert response.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("size", LIST_SIZES)
def test_plan_pages_cost_the_same_queries_whatever_their_size(
    client, django_assert_num_queries, size
):
    plan = factories.StrategicActionPlanFactory()
    factories.StrategicActionPlanFactory.create_batch(size)
    factories.PlanObjectiveFactory.create_batch(size, plan=plan)
    factories.AllianceFactory.create_batch(size, plan=plan, granting=True)

    with django_assert_num_queries(2):
        client.get(reverse("alliances:plan-list"))
    with django_assert_num_queries(3):
        client.get(reverse("alliances:plan-detail", args=[plan.slug]))


def test_alliance_list_filters_by_the_start_of_the_granting_member_s_name(client):
    barcelona = factories.MemberCityFactory(name="Barcelona")
    factories.AllianceFactory(
        title="Barcelona's", granting=True, granting_member=barcelona
    )
    factories.AllianceFactory(title="Another", granting=True)

    response = client.get(
        reverse("alliances:alliance-list"), {"granting_member": "barc"}
    )

    assert [a.title for a in response.context["object_list"]] == ["Barcelona's"]


def test_alliance_list_offers_no_list_of_every_member(client):
    factories.MemberCityFactory.create_batch(3)

    response = client.get(reverse("alliances:alliance-list"))

    assert '<select name="granting_member"' not in response.content.decode()
