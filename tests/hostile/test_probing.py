"""A liaison probing the ids and slugs of another city's objects: what it may
not see answers 404 everywhere (exactly as a missing object does), what it may
see it cannot change, and nothing confidential comes back."""

import datetime
import json
from http import HTTPStatus

import pytest
from django.urls import reverse

from alliances.models import Alliance
from news.models import NewsPost
from tests import factories

pytestmark = pytest.mark.django_db

FUTURE = datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC)
SECRET = "Dakar's secret"
UNPUBLISHED = {
    "returned": {"status": NewsPost.Status.DRAFT, "published_at": None},
    "submitted": {"status": NewsPost.Status.SUBMITTED, "published_at": None},
    "archived": {"status": NewsPost.Status.ARCHIVED},
    "scheduled": {"status": NewsPost.Status.PUBLISHED, "published_at": FUTURE},
}


@pytest.fixture
def dakar(other_member):
    """Another city's records: proposals in every state, a draft and an
    active alliance with internal notes, a contact who is not public."""
    posts = {
        name: factories.NewsPostFactory(
            slug=f"dakar-{name}",
            proposed_by=other_member,
            review_comment=SECRET,
            **fields,
        )
        for name, fields in UNPUBLISHED.items()
    }
    draft = factories.AllianceFactory(
        slug="dakar-draft",
        granting=True,
        granting_member=other_member,
        signed_on=None,
        start_date=None,
        term_years=None,
        internal_notes=SECRET,
    )
    active = factories.AllianceFactory(
        slug="dakar-active",
        granting=True,
        granting_member=other_member,
        internal_notes=SECRET,
    )
    person = factories.PersonFactory(
        organisation=other_member, is_public=False, email="secret@dakar.example"
    )
    return {"posts": posts, "draft": draft, "active": active, "person": person}


def snapshot(obj):
    obj = type(obj)._default_manager.get(pk=obj.pk)
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


# The portal -------------------------------------------------------------------


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_portal_pages_of_another_citys_proposal_are_404(liaison_client, dakar, state):
    post = dakar["posts"][state]
    before = snapshot(post)
    detail = reverse("portal:proposal-detail", args=[post.pk])
    edit = reverse("portal:proposal-edit", args=[post.pk])

    responses = [
        liaison_client.get(detail),
        liaison_client.get(edit),
        liaison_client.post(edit, {"title": "Taken over", "submit": "1"}),
    ]

    for response in responses:
        assert response.status_code == HTTPStatus.NOT_FOUND
        assert SECRET not in response.content.decode()
    assert snapshot(post) == before


def test_walking_the_proposal_ids_finds_only_the_citys_own(
    liaison_client, member, dakar
):
    own = factories.NewsPostFactory(proposed_by=member, status="submitted")
    ids = NewsPost.objects.values_list("pk", flat=True)

    found = {
        pk
        for pk in range(min(ids), max(ids) + 3)
        if liaison_client.get(reverse("portal:proposal-detail", args=[pk])).status_code
        == HTTPStatus.OK
    }

    assert found == {own.pk}


def test_the_proposal_form_refuses_another_citys_alliance(
    liaison_client, member, dakar
):
    factories.AllianceFactory(granting=True, granting_member=member)
    category = factories.CategoryFactory()

    response = liaison_client.post(
        reverse("portal:proposal-create"),
        {
            "title": "Probe",
            "category": category.pk,
            "body": "Text",
            "related_alliances": [dakar["draft"].pk],
            "submit": "1",
        },
    )

    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["related_alliances"]
    assert not NewsPost.objects.filter(title="Probe").exists()


# The public site --------------------------------------------------------------


def test_site_pages_of_hidden_objects_are_404(liaison_client, dakar):
    urls = [
        reverse("alliances:alliance-detail", args=[dakar["draft"].slug]),
        *(
            reverse("news:post-detail", args=[post.slug])
            for post in dakar["posts"].values()
        ),
    ]

    for url in urls:
        assert liaison_client.get(url).status_code == HTTPStatus.NOT_FOUND, url


def test_site_pages_of_visible_objects_keep_the_secrets(liaison_client, dakar):
    urls = [
        reverse("alliances:alliance-detail", args=[dakar["active"].slug]),
        dakar["active"].granting_member.get_absolute_url(),
        reverse("portal:dashboard"),
    ]

    for url in urls:
        html = liaison_client.get(url).content.decode()
        assert SECRET not in html, url
        assert "secret@dakar.example" not in html, url


# The API ----------------------------------------------------------------------


def hidden_objects(dakar):
    """(basename, slug) of what a liaison of another city may not read."""
    return [
        ("alliance", dakar["draft"].slug),
        *(("newspost", post.slug) for post in dakar["posts"].values()),
    ]


def test_api_hidden_objects_answer_as_missing_ones(liaison_client, dakar):
    for basename, slug in hidden_objects(dakar):
        for method in ("get", "put", "patch", "delete"):
            body = {} if method == "get" else {"content_type": "application/json"}
            data = None if method == "get" else json.dumps({"title": "Taken over"})
            hidden = getattr(liaison_client, method)(
                reverse(f"api:{basename}-detail", args=[slug]), data, **body
            )
            missing = getattr(liaison_client, method)(
                reverse(f"api:{basename}-detail", args=["no-such-object"]),
                data,
                **body,
            )

            assert hidden.status_code == missing.status_code, (basename, method)
            assert hidden.status_code in (HTTPStatus.NOT_FOUND, HTTPStatus.FORBIDDEN)
            assert hidden.json() == missing.json()
    assert Alliance.objects.get(pk=dakar["draft"].pk).title != "Taken over"
    assert not NewsPost.objects.filter(title="Taken over").exists()


def test_api_hidden_objects_stay_out_of_lists_and_searches(liaison_client, dakar):
    for basename, slug in hidden_objects(dakar):
        response = liaison_client.get(
            reverse(f"api:{basename}-list"), {"search": slug.removeprefix("dakar-")}
        )

        assert response.status_code == HTTPStatus.OK
        assert slug not in {row["slug"] for row in response.json()["results"]}


def test_api_extending_a_hidden_alliance_answers_as_for_a_missing_one(
    liaison_client, dakar
):
    def extend(slug):
        return liaison_client.post(
            reverse("api:alliance-extend", args=[slug]),
            {"new_end_date": "2030-01-01", "agreed_on": "2024-01-01"},
            content_type="application/json",
        )

    hidden, missing = extend(dakar["draft"].slug), extend("no-such-alliance")

    assert hidden.status_code == missing.status_code
    assert hidden.status_code in (HTTPStatus.NOT_FOUND, HTTPStatus.FORBIDDEN)
    assert hidden.json() == missing.json()
    assert not dakar["draft"].extensions.exists()


def test_api_naming_a_hidden_alliance_answers_as_for_a_missing_one(
    liaison_client, dakar
):
    def refused(slug):
        posts = liaison_client.get(reverse("api:newspost-list"), {"alliance": slug})
        proposal = liaison_client.post(
            reverse("api:newspost-list"),
            {
                "title": "Probe",
                "category_slug": factories.CategoryFactory().slug,
                "related_alliance_slugs": [slug],
            },
            content_type="application/json",
        )
        return [
            (r.status_code, json.dumps(r.json()).replace(slug, "…"))
            for r in (posts, proposal)
        ]

    assert refused(dakar["draft"].slug) == refused("no-such-alliance")
    assert not NewsPost.objects.filter(title="Probe").exists()


def test_api_visible_objects_of_another_city_cannot_be_changed(liaison_client, dakar):
    targets = [
        ("membercity", dakar["active"].granting_member),
        ("alliance", dakar["active"]),
    ]
    for basename, obj in targets:
        before = snapshot(obj)
        url = reverse(f"api:{basename}-detail", args=[obj.slug])

        for method in ("put", "patch", "delete"):
            response = getattr(liaison_client, method)(
                url,
                json.dumps({"summary": "Taken over"}),
                content_type="application/json",
            )

            assert response.status_code in (
                HTTPStatus.FORBIDDEN,
                HTTPStatus.NOT_FOUND,
            ), (basename, method)
        assert snapshot(obj) == before


def test_api_visible_objects_of_another_city_keep_the_secrets(liaison_client, dakar):
    urls = [
        reverse("api:alliance-detail", args=[dakar["active"].slug]),
        reverse("api:alliance-list"),
        reverse("api:person-detail", args=[dakar["person"].pk]),
        reverse("api:person-list"),
        reverse("api:newspost-list"),
    ]

    for url in urls:
        body = liaison_client.get(url).content.decode()
        assert SECRET not in body, url
        assert "secret@dakar.example" not in body, url
