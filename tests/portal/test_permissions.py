"""Who may open each portal page and send each portal form, persona by persona."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from members.models import MemberCity
from news.models import NewsPost
from tests import factories
from tests.portal.conftest import proposal

pytestmark = pytest.mark.django_db

CITY_PAGES = [
    "portal:dashboard",
    "portal:profile",
    "portal:contacts",
    "portal:proposal-list",
    "portal:proposal-create",
]
OBJECT_PAGES = ["portal:proposal-detail", "portal:proposal-edit"]


@pytest.fixture
def pages(returned):
    """Every portal URL; the object pages show a proposal of the liaison's city."""
    return [
        *(reverse(name) for name in CITY_PAGES),
        *(reverse(name, args=[returned.pk]) for name in OBJECT_PAGES),
    ]


def test_anonymous_visitor_is_sent_to_log_in_from_every_page(client, pages):
    for url in pages:
        response = client.get(url)

        assert response.status_code == HTTPStatus.FOUND
        assert response.url == f"{reverse('login')}?next={url}"


def test_liaison_opens_every_page_of_its_city(client, liaison, pages):
    client.force_login(liaison)

    for url in pages:
        assert client.get(url).status_code == HTTPStatus.OK, url


@pytest.mark.parametrize("persona", ["editor", "plain_user", "superuser"])
def test_logged_in_user_who_is_no_liaison_is_refused_every_page(
    client, request, pages, persona
):
    client.force_login(request.getfixturevalue(persona))

    for url in pages:
        assert client.get(url).status_code == HTTPStatus.FORBIDDEN, url


@pytest.mark.parametrize("name", CITY_PAGES)
def test_liaison_of_another_city_sees_its_own_city_only(
    client, member, other_liaison, name
):
    client.force_login(other_liaison)

    html = client.get(reverse(name)).content.decode()

    assert "Dakar" in html
    assert member.name not in html


@pytest.mark.parametrize("name", OBJECT_PAGES)
def test_liaison_of_another_city_cannot_find_a_proposal(
    client, other_liaison, returned, name
):
    client.force_login(other_liaison)

    response = client.get(reverse(name, args=[returned.pk]))

    assert response.status_code == HTTPStatus.NOT_FOUND


# The forms


def profile_data(**changes) -> dict:
    return {"population": 23_000_000, "population_year": 2024, **changes}


def proposal_data(**changes) -> dict:
    category = factories.CategoryFactory()
    return {"title": "Forged", "category": category.pk, "body": "Text", **changes}


def test_anonymous_visitor_cannot_change_a_profile(client, member):
    response = client.post(reverse("portal:profile"), profile_data())

    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse("login"))
    member.refresh_from_db()
    assert member.population == 2_000_000


@pytest.mark.parametrize("persona", ["editor", "plain_user"])
def test_user_who_is_no_liaison_cannot_change_a_profile(
    client, request, member, persona
):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(reverse("portal:profile"), profile_data())

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not MemberCity.objects.filter(population=23_000_000).exists()


def test_liaison_of_another_city_changes_its_own_profile_only(
    client, member, other_member, other_liaison
):
    client.force_login(other_liaison)

    client.post(reverse("portal:profile"), profile_data())

    member.refresh_from_db()
    other_member.refresh_from_db()
    assert (member.population, other_member.population) == (2_000_000, 23_000_000)


def test_anonymous_visitor_cannot_propose(client):
    response = client.post(reverse("portal:proposal-create"), proposal_data())

    assert response.status_code == HTTPStatus.FOUND
    assert not NewsPost.objects.exists()


@pytest.mark.parametrize("persona", ["editor", "plain_user"])
def test_user_who_is_no_liaison_cannot_propose(client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(reverse("portal:proposal-create"), proposal_data())

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not NewsPost.objects.exists()


@pytest.mark.parametrize("persona", [None, "editor", "plain_user", "other_liaison"])
def test_only_the_city_liaison_can_resubmit_its_proposal(
    client, request, returned, persona
):
    if persona:
        client.force_login(request.getfixturevalue(persona))

    response = client.post(
        reverse("portal:proposal-edit", args=[returned.pk]), proposal_data()
    )

    assert response.status_code in (
        HTTPStatus.FOUND,  # anonymous: to the login page
        HTTPStatus.FORBIDDEN,
        HTTPStatus.NOT_FOUND,
    )
    returned.refresh_from_db()
    assert (returned.title, returned.status) == (
        "Guangzhou hosts the forum",
        NewsPost.Status.DRAFT,
    )


def test_liaison_of_another_city_does_not_see_its_proposals_listed(
    client, member, other_liaison
):
    proposal(member, title="Guangzhou's secret plan")
    client.force_login(other_liaison)

    for name in ("portal:dashboard", "portal:proposal-list"):
        assert "secret plan" not in client.get(reverse(name)).content.decode()
