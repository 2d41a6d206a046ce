"""One rule, one place: each governed write given the same input through
every entry point (the portal, the API, the admin, the model) ends the same
way, with the same message."""

import datetime
from http import HTTPStatus

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from alliances.models import Alliance, AllianceExtension
from members.models import LIAISON_EDITABLE_FIELDS, MemberCity, this_year
from news.models import NewsPost
from news.services import NOT_EDITABLE, NOT_THE_CITY_ALLIANCE
from tests import factories
from tests.admin_utils import admin_url, changeform_data

pytestmark = pytest.mark.django_db

D = datetime.date
POSTS = reverse("api:newspost-list")
NEW_PROPOSAL = reverse("portal:proposal-create")
TITLE = "Guangzhou opens a climate lab"
SLUG = "guangzhou-opens-a-climate-lab"


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api_as(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def api_errors(response) -> dict:
    assert response.status_code == HTTPStatus.BAD_REQUEST, response.content
    return response.json()["errors"]


# A count year from 1900 to this year --------------------------------------------

EXTRA = {
    "population_year": {"population": 2_000_000},
    "grp_year": {"grp_amount": "1000.00", "grp_currency": "EUR"},
}


def profile_data(member: MemberCity, **changes) -> dict:
    data = {name: getattr(member, name) for name in LIAISON_EDITABLE_FIELDS}
    return {k: "" if v is None else v for k, v in {**data, **changes}.items()}


@pytest.mark.parametrize("field", ["population_year", "grp_year"])
def test_a_count_year_of_3000_is_refused_alike_everywhere(
    member, liaison, editor, writer, field
):
    given = {field: 3000, **EXTRA[field]}
    url = reverse("api:membercity-detail", args=[member.slug])
    admin_change = admin_url("members.membercity", "change", member.pk)
    admin = browser(editor)
    admin_data = changeform_data(admin.get(admin_change)) | given
    candidate = MemberCity.objects.get(pk=member.pk)
    for name, value in given.items():
        setattr(candidate, name, value)

    portal = browser(liaison).post(
        reverse("portal:profile"), profile_data(member, **given)
    )
    from_liaison = api_as(liaison).patch(url, given, format="json")
    from_key = writer.patch(url, given, format="json")
    from_admin = admin.post(admin_change, admin_data)
    with pytest.raises(ValidationError) as model:
        candidate.full_clean()

    message = f"Give a year from 1900 to {this_year()}."
    answers = {
        "portal": portal.context["form"].errors[field],
        "api, liaison": api_errors(from_liaison)[field],
        "api, write key": api_errors(from_key)[field],
        "admin": from_admin.context["adminform"].form.errors[field],
        "model": model.value.message_dict[field],
    }
    assert answers == {entry: [message] for entry in answers}
    member.refresh_from_db()
    assert getattr(member, field) != 3000


def test_this_year_is_a_count_year_everywhere(member, liaison, writer):
    url = reverse("api:membercity-detail", args=[member.slug])

    portal = browser(liaison).post(
        reverse("portal:profile"), profile_data(member, population_year=2019)
    )
    api = writer.patch(url, {"population_year": this_year()}, format="json")

    assert portal.status_code == HTTPStatus.FOUND
    assert api.status_code == HTTPStatus.OK, api.content
    member.refresh_from_db()
    assert member.population_year == this_year()


# A liaison's news proposal -------------------------------------------------------


@pytest.fixture
def category():
    return factories.CategoryFactory(name="Urban Innovation", slug="urban-innovation")


@pytest.fixture
def own_alliance(member):
    return factories.AllianceFactory(
        title="Guangzhou MoU",
        slug="guangzhou-mou",
        kind=Alliance.Kind.GRANTING_MEMBER,
        granting_member=member,
    )


@pytest.fixture
def dakar_alliance(other_member):
    return factories.AllianceFactory(
        title="Dakar MoU",
        slug="dakar-mou",
        kind=Alliance.Kind.GRANTING_MEMBER,
        granting_member=other_member,
    )


def portal_proposal(category, **changes) -> dict:
    return {"title": TITLE, "category": category.pk, "body": "Opens in May."} | (
        changes
    )


def api_proposal(**changes) -> dict:
    return {
        "title": TITLE,
        "category_slug": "urban-innovation",
        "body": "Opens in May.",
    } | changes


@pytest.mark.parametrize("city_has_alliances", [True, False])
def test_another_citys_alliance_is_refused_alike(
    request, liaison, category, dakar_alliance, city_has_alliances
):
    if city_has_alliances:
        request.getfixturevalue("own_alliance")

    portal = browser(liaison).post(
        NEW_PROPOSAL, portal_proposal(category, related_alliances=[dakar_alliance.pk])
    )
    api = api_as(liaison).post(
        POSTS, api_proposal(related_alliance_slugs=["dakar-mou"]), format="json"
    )

    assert portal.context["form"].errors["related_alliances"] == [NOT_THE_CITY_ALLIANCE]
    assert api_errors(api)["related_alliance_slugs"] == [NOT_THE_CITY_ALLIANCE]
    assert not NewsPost.objects.exists()


def test_the_city_is_the_related_member_whatever_is_sent(
    liaison, member, other_member, category, own_alliance
):
    browser(liaison).post(
        NEW_PROPOSAL,
        portal_proposal(
            category,
            related_members=[other_member.pk],
            related_alliances=[own_alliance.pk],
        ),
    )
    api = api_as(liaison).post(
        POSTS,
        api_proposal(
            title="Guangzhou opens a second lab",
            related_member_slugs=["dakar"],
            related_alliance_slugs=["guangzhou-mou"],
        ),
        format="json",
    )

    assert api.status_code == HTTPStatus.CREATED, api.content
    posts = NewsPost.objects.order_by("pk")
    assert [list(post.related_members.all()) for post in posts] == [[member]] * 2
    assert [list(post.related_alliances.all()) for post in posts] == [
        [own_alliance]
    ] * 2
    assert [(post.status, post.proposed_by) for post in posts] == [
        (NewsPost.Status.SUBMITTED, member)
    ] * 2


def test_the_slug_is_made_for_a_liaison_and_reveals_no_hidden_post(
    liaison, editor, category
):
    # The secretariat's draft, which the liaison cannot see, holds the slug.
    factories.NewsPostFactory(
        title=TITLE, slug=SLUG, status=NewsPost.Status.DRAFT, published_at=None
    )

    portal = browser(liaison).post(NEW_PROPOSAL, portal_proposal(category))
    api = api_as(liaison).post(POSTS, api_proposal(slug=SLUG), format="json")

    assert portal.status_code == HTTPStatus.FOUND
    assert api.status_code == HTTPStatus.CREATED, api.content
    assert api.json()["slug"] == f"{SLUG}-3"
    assert list(
        NewsPost.objects.filter(proposed_by__isnull=False)
        .order_by("pk")
        .values_list("slug", flat=True)
    ) == [f"{SLUG}-2", f"{SLUG}-3"]


def test_a_returned_proposal_is_submitted_again_alike(
    liaison, member, category, own_alliance
):
    portal_post, api_post = (
        factories.NewsPostFactory(
            title=title,
            proposed_by=member,
            status=NewsPost.Status.DRAFT,
            published_at=None,
        )
        for title in ("Returned once", "Returned twice")
    )

    browser(liaison).post(
        reverse("portal:proposal-edit", args=[portal_post.pk]),
        portal_proposal(
            category, title="Better title", related_alliances=[own_alliance.pk]
        ),
    )
    api = api_as(liaison).patch(
        reverse("api:newspost-detail", args=[api_post.slug]),
        {"title": "Better title", "related_alliance_slugs": ["guangzhou-mou"]},
        format="json",
    )

    assert api.status_code == HTTPStatus.OK, api.content
    for post in (portal_post, api_post):
        post.refresh_from_db()
        assert (post.title, post.status) == ("Better title", "submitted")
        assert list(post.related_alliances.all()) == [own_alliance]
        assert post.history.latest().history_user == liaison


def test_a_proposal_under_review_cannot_change_alike(liaison, member, category):
    portal_post, api_post = (
        factories.NewsPostFactory(
            proposed_by=member, status=NewsPost.Status.SUBMITTED, published_at=None
        )
        for _ in range(2)
    )

    portal = browser(liaison).post(
        reverse("portal:proposal-edit", args=[portal_post.pk]),
        portal_proposal(category, title="Changed"),
    )
    api = api_as(liaison).patch(
        reverse("api:newspost-detail", args=[api_post.slug]),
        {"title": "Changed"},
        format="json",
    )

    assert [str(m) for m in get_messages(portal.wsgi_request)] == [NOT_EDITABLE]
    assert api.status_code == HTTPStatus.CONFLICT
    assert api.json()["detail"] == NOT_EDITABLE
    assert not NewsPost.objects.filter(title="Changed").exists()


def test_another_citys_proposal_cannot_be_changed(other_liaison, member):
    post = factories.NewsPostFactory(
        proposed_by=member, status=NewsPost.Status.DRAFT, published_at=None
    )

    api = api_as(other_liaison).patch(
        reverse("api:newspost-detail", args=[post.slug]),
        {"title": "Changed"},
        format="json",
    )
    portal = browser(other_liaison).get(reverse("portal:proposal-edit", args=[post.pk]))

    assert (api.status_code, portal.status_code) == (
        HTTPStatus.NOT_FOUND,
        HTTPStatus.NOT_FOUND,
    )


# Slugs made on create -----------------------------------------------------------


@pytest.mark.parametrize(
    ("basename", "data", "slug"),
    [
        ("category", {"name": "Urban Innovation"}, "urban-innovation"),
        ("region", {"code": "AF", "name": "Africa"}, "africa"),
        (
            "strategicactionplan",
            {"title": "Plan 2021–2023", "first_year": 2021, "last_year": 2023},
            "plan-20212023",
        ),
    ],
)
def test_a_create_without_a_slug_makes_one(writer, basename, data, slug):
    response = writer.post(reverse(f"api:{basename}-list"), data, format="json")

    assert response.status_code == HTTPStatus.CREATED, response.content
    assert response.json()["slug"] == slug


def test_a_made_slug_is_unique_and_a_given_one_is_kept(writer):
    factories.CategoryFactory(name="Urban Innovation", slug="urban-innovation")
    url = reverse("api:category-list")

    made = writer.post(url, {"name": "Urban innovation"}, format="json")
    given = writer.post(url, {"name": "Urban", "slug": "city-life"}, format="json")

    assert made.json()["slug"] == "urban-innovation-2"
    assert given.json()["slug"] == "city-life"


# The stored end of an alliance ---------------------------------------------------


def stored_end(alliance) -> datetime.date:
    return Alliance.objects.values_list("ends_on", flat=True).get(pk=alliance.pk)


def test_an_extension_moves_the_end_alike_through_the_admin_and_the_api(editor, writer):
    by_admin, by_api = factories.AllianceFactory.create_batch(2)
    extension = {"new_end_date": "2025-07-14", "agreed_on": "2024-06-01"}

    admin = browser(editor).post(
        admin_url("alliances.allianceextension", "add"),
        {"alliance": by_admin.pk, **extension, "note": ""},
    )
    api = writer.post(
        reverse("api:alliance-extend", args=[by_api.slug]), extension, format="json"
    )

    assert admin.status_code == HTTPStatus.FOUND
    assert api.status_code == HTTPStatus.CREATED, api.content
    assert api.json()["end_date"] == "2025-07-14"
    assert [stored_end(by_admin), stored_end(by_api)] == [D(2025, 7, 14)] * 2


def test_an_extension_edited_or_deleted_in_the_admin_moves_the_end(editor):
    alliance = factories.AllianceFactory()
    earlier = factories.AllianceExtensionFactory(
        alliance=alliance, new_end_date=D(2025, 7, 14)
    )
    latest = factories.AllianceExtensionFactory(
        alliance=alliance, new_end_date=D(2026, 7, 14)
    )
    admin = browser(editor)
    change = admin_url("alliances.allianceextension", "change", latest.pk)

    edited = admin.post(
        change, changeform_data(admin.get(change)) | {"new_end_date": "2027-07-14"}
    )
    end_after_edit = stored_end(alliance)
    deleted = admin.post(
        admin_url("alliances.allianceextension", "delete", latest.pk),
        {"post": "yes"},
    )

    assert (edited.status_code, deleted.status_code) == (HTTPStatus.FOUND,) * 2
    assert end_after_edit == D(2027, 7, 14)
    assert list(AllianceExtension.objects.all()) == [earlier]
    assert stored_end(alliance) == D(2025, 7, 14)


def test_a_term_changed_alike_through_the_admin_and_the_api(editor, writer):
    by_admin, by_api = factories.AllianceFactory.create_batch(2)
    admin = browser(editor)
    change = admin_url("alliances.alliance", "change", by_admin.pk)

    admin.post(change, changeform_data(admin.get(change)) | {"term_years": 4})
    api = writer.patch(
        reverse("api:alliance-detail", args=[by_api.slug]),
        {"term_years": 4},
        format="json",
    )

    assert api.json()["end_date"] == "2025-07-14"
    assert [stored_end(by_admin), stored_end(by_api)] == [D(2025, 7, 14)] * 2
