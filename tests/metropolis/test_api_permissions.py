"""The permission matrix: every persona × every registered resource × method.

Resources come from the API router, so a resource registered later is covered
as soon as it has a row in RESOURCES below (the test fails until it does).
"""

import datetime
from dataclasses import dataclass
from http import HTTPStatus

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse
from rest_framework.test import APIClient

from alliances.models import Alliance, StrategicActionPlan
from members.models import BoardMandate, MemberCity, Person, Region, RegionalSecretariat
from metropolis.api.urls import router
from news.models import Category, NewsPost
from partners.models import PartnerKey
from tests import factories

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
READ_KEY = "read_key"
WRITE_KEY = "write_key"
OWN_LIAISON = "own_liaison"  # liaison of the object's city
OTHER_LIAISON = "other_liaison"
EDITOR = "editor"
PERSONAS = [ANONYMOUS, READ_KEY, WRITE_KEY, OWN_LIAISON, OTHER_LIAISON, EDITOR]

OK, CREATED, NO_CONTENT = HTTPStatus.OK, HTTPStatus.CREATED, HTTPStatus.NO_CONTENT
UNAUTHORIZED, FORBIDDEN = HTTPStatus.UNAUTHORIZED, HTTPStatus.FORBIDDEN
NOT_FOUND = HTTPStatus.NOT_FOUND
CONFLICT = HTTPStatus.CONFLICT

# The rules (DESIGN.md): reads are open; the secretariat (editors and write
# keys) writes; a read key never writes; anonymous writes need credentials.
#            anonymous     read_key   write_key   own_liaison other_liaison editor
EXPECTED = {
    "list": (OK, OK, OK, OK, OK, OK),
    "retrieve": (OK, OK, OK, OK, OK, OK),
    "create": (UNAUTHORIZED, FORBIDDEN, CREATED, FORBIDDEN, FORBIDDEN, CREATED),
    "partial_update": (UNAUTHORIZED, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, OK),
    "destroy": (UNAUTHORIZED, FORBIDDEN, NO_CONTENT, FORBIDDEN, FORBIDDEN, NO_CONTENT),
}
# ... except that a liaison edits its own city's profile and proposes news.
EXCEPTIONS = {
    (MemberCity, "partial_update", OWN_LIAISON): OK,
    (NewsPost, "create", OWN_LIAISON): CREATED,
    (NewsPost, "create", OTHER_LIAISON): CREATED,
    # Its city's post, but published: only a proposal returned to the city
    # may change (and be submitted again).
    (NewsPost, "partial_update", OWN_LIAISON): CONFLICT,
}
METHODS = {
    "list": "get",
    "retrieve": "get",
    "create": "post",
    "partial_update": "patch",
    "destroy": "delete",
}


@dataclass
class Resource:
    """How to build one object of a resource, tied to the liaison's city, and
    what a create and a change send."""

    build: object  # (city) -> instance
    create: object  # (city) -> request body
    change: dict


def _post_payload(city):
    category = factories.CategoryFactory(slug="urban-innovation")
    return {"title": "A new post", "slug": "a-new-post", "category_slug": category.slug}


RESOURCES = {
    Region: Resource(
        build=lambda city: factories.RegionFactory(),
        create=lambda city: {"code": "NEW", "name": "New region", "slug": "new"},
        change={"name": "Renamed region"},
    ),
    MemberCity: Resource(
        build=lambda city: city,
        create=lambda city: {
            "name": "Montevideo",
            "slug": "montevideo",
            "country": "UY",
            "region_slug": city.region.slug,
            "join_year": 1995,
        },
        change={"summary": "A changed profile."},
    ),
    BoardMandate: Resource(
        build=lambda city: factories.BoardMandateFactory(member=city),
        create=lambda city: {
            "member_slug": city.slug,
            "role": "treasurer",
            "start_date": "2024-01-01",
        },
        change={"end_date": "2030-12-31"},
    ),
    RegionalSecretariat: Resource(
        build=lambda city: factories.RegionalSecretariatFactory(member=city),
        create=lambda city: {
            "region_slug": city.region.slug,
            "member_slug": city.slug,
            "start_date": "2024-01-01",
            "end_date": "2026-12-31",
        },
        change={"end_date": "2023-06-30"},
    ),
    Person: Resource(
        build=lambda city: factories.PersonFactory(organisation=city),
        create=lambda city: {"name": "Ana Example", "organisation_slug": city.slug},
        change={"position_title": "Mayor"},
    ),
    StrategicActionPlan: Resource(
        build=lambda city: factories.StrategicActionPlanFactory(),
        create=lambda city: {
            "title": "Strategic Action Plan 2024–2026",
            "slug": "sap-2024-2026",
            "first_year": 2024,
            "last_year": 2026,
        },
        change={"summary": "A changed summary."},
    ),
    Alliance: Resource(
        build=lambda city: factories.AllianceFactory(
            granting=True, granting_member=city
        ),
        create=lambda city: {
            "title": "A new alliance",
            "slug": "a-new-alliance",
            "kind": "granting_member",
            "granting_member_slug": city.slug,
            "counterpart": "Foreign Affairs Office",
        },
        change={"summary": "A changed summary."},
    ),
    Category: Resource(
        build=lambda city: factories.CategoryFactory(),
        create=lambda city: {"name": "Urban Innovation", "slug": "urban-innovation"},
        change={"name": "Renamed category"},
    ),
    NewsPost: Resource(
        build=lambda city: factories.NewsPostFactory(proposed_by=city),
        create=_post_payload,
        change={"summary": "A changed summary."},
    ),
}

# Dues are confidential (visitors and read keys see nothing, invoices are never
# deleted): their own matrix is tests/dues/test_api_permissions.py. Meetings
# and resolutions (planned meetings hidden, writes through the services, never
# deleted): tests/governance/test_api.py.
ELSEWHERE = {"feegrid", "invoice", "payment", "meeting", "resolution"}
ENDPOINTS = [
    (basename, viewset)
    for _prefix, viewset, basename in router.registry
    if basename not in ELSEWHERE
]


def model_of(viewset):
    return viewset.queryset.model


def resource_of(viewset) -> Resource:
    model = model_of(viewset)
    if model not in RESOURCES:
        pytest.fail(f"Add {model.__name__} to RESOURCES: it is on the API router.")
    return RESOURCES[model]


def detail_url(basename, viewset, obj) -> str:
    lookup = viewset.lookup_field
    kwarg = viewset.lookup_url_kwarg or lookup
    return reverse(f"api:{basename}-detail", kwargs={kwarg: getattr(obj, lookup)})


def expected_status(model, action, persona) -> int:
    default = EXPECTED[action][PERSONAS.index(persona)]
    return EXCEPTIONS.get((model, action, persona), default)


@pytest.fixture
def act_as(request, key_owner):
    """act_as(persona) -> (API client, the user the change history should name)."""

    def client_for(persona):
        client = APIClient()
        if persona in (READ_KEY, WRITE_KEY):
            scope = PartnerKey.Scope.WRITE if persona == WRITE_KEY else "read"
            _, key = PartnerKey.objects.create_key(
                name=persona, owner=key_owner, scope=scope
            )
            client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
            return client, key_owner
        user = {
            ANONYMOUS: lambda: None,
            OWN_LIAISON: lambda: request.getfixturevalue("liaison"),
            OTHER_LIAISON: lambda: request.getfixturevalue("other_liaison"),
            EDITOR: lambda: request.getfixturevalue("editor"),
        }[persona]()
        if user is not None:
            client.force_login(user)
        return client, user

    return client_for


def snapshot(obj):
    """The object's stored values, or None once it is gone."""
    fresh = type(obj)._default_manager.filter(pk=obj.pk).first()
    return None if fresh is None else model_to_dict(fresh)


def matrix():
    for basename, viewset in ENDPOINTS:
        for action in EXPECTED:
            for persona in PERSONAS:
                yield pytest.param(
                    basename,
                    viewset,
                    action,
                    persona,
                    id=f"{basename}-{action}-{persona}",
                )


@pytest.mark.parametrize(("basename", "viewset", "action", "persona"), list(matrix()))
def test_permission_matrix(member, act_as, basename, viewset, action, persona):
    resource = resource_of(viewset)
    model = model_of(viewset)
    obj = resource.build(member)
    client, user = act_as(persona)
    before = snapshot(obj)
    count = model._default_manager.count()

    if action == "list":
        response = client.get(reverse(f"api:{basename}-list"), {"page_size": 100})
    elif action == "create":
        response = client.post(reverse(f"api:{basename}-list"), resource.create(member))
    else:
        url = detail_url(basename, viewset, obj)
        data = resource.change if action == "partial_update" else None
        response = getattr(client, METHODS[action])(url, data)

    expected = expected_status(model, action, persona)
    assert response.status_code == expected, response.content
    if expected in (UNAUTHORIZED, FORBIDDEN, CONFLICT):
        assert snapshot(obj) == before
        assert model._default_manager.count() == count
    elif action == "list":
        assert obj.pk in {row["id"] for row in response.json()["results"]}
    elif action == "retrieve":
        assert response.json()["id"] == obj.pk
    elif action == "create":
        created = model._default_manager.get(pk=response.json()["id"])
        assert model._default_manager.count() == count + 1
        if hasattr(model, "history"):
            assert created.history.latest().history_user == user
    elif action == "partial_update":
        changed = model._default_manager.get(pk=obj.pk)
        for field, value in resource.change.items():
            assert str(getattr(changed, field)) == value
        if hasattr(model, "history"):
            assert changed.history.latest().history_user == user
    elif action == "destroy":
        assert snapshot(obj) is None


def refused_writes():
    refusals = {ANONYMOUS: UNAUTHORIZED, READ_KEY: FORBIDDEN, OTHER_LIAISON: FORBIDDEN}
    actions = {"post": "create", "put": "update", "patch": "partial_update"}
    for basename, viewset in ENDPOINTS:
        for method in ("post", "put", "patch", "delete"):
            for persona, status in refusals.items():
                action = actions.get(method, "destroy")
                if (model_of(viewset), action, persona) in EXCEPTIONS:
                    continue  # allowed: see the matrix
                yield pytest.param(
                    basename,
                    viewset,
                    method,
                    persona,
                    status,
                    id=f"{basename}-{method}-{persona}",
                )


@pytest.mark.parametrize(
    ("basename", "viewset", "method", "persona", "status"), list(refused_writes())
)
def test_refused_writes_change_nothing(
    member, act_as, basename, viewset, method, persona, status
):
    """PUT included, with a complete body: a read key never writes anywhere."""
    resource = resource_of(viewset)
    obj = resource.build(member)
    client, _ = act_as(persona)
    before = snapshot(obj)
    count = model_of(viewset)._default_manager.count()
    body = resource.create(member)

    if method == "post":
        response = client.post(reverse(f"api:{basename}-list"), body)
    else:
        response = getattr(client, method)(detail_url(basename, viewset, obj), body)

    assert response.status_code == status
    assert response.json()["status"] == status
    assert snapshot(obj) == before
    assert model_of(viewset)._default_manager.count() == count


def extra_write_actions():
    for basename, viewset in ENDPOINTS:
        for extra in viewset.get_extra_actions():
            if extra.detail and "post" in extra.mapping:
                for persona in (ANONYMOUS, READ_KEY, OWN_LIAISON, OTHER_LIAISON):
                    yield pytest.param(
                        basename,
                        viewset,
                        extra.url_name,
                        persona,
                        id=f"{basename}-{extra.url_name}-{persona}",
                    )


@pytest.mark.parametrize(
    ("basename", "viewset", "url_name", "persona"), list(extra_write_actions())
)
def test_extra_write_actions_belong_to_the_secretariat(
    member, act_as, basename, viewset, url_name, persona
):
    obj = resource_of(viewset).build(member)
    client, _ = act_as(persona)
    before = snapshot(obj)
    lookup = viewset.lookup_url_kwarg or viewset.lookup_field
    url = reverse(
        f"api:{basename}-{url_name}",
        kwargs={lookup: getattr(obj, viewset.lookup_field)},
    )

    response = client.post(url, {})

    assert response.status_code == (UNAUTHORIZED if persona == ANONYMOUS else FORBIDDEN)
    assert snapshot(obj) == before


@pytest.mark.parametrize("persona", [OWN_LIAISON, OTHER_LIAISON])
def test_a_liaisons_post_waits_for_review_for_its_city(act_as, persona):
    client, user = act_as(persona)
    body = _post_payload(None) | {
        "status": "published",
        "published_at": "2024-01-01T00:00:00Z",
    }

    response = client.post(reverse("api:newspost-list"), body)

    post = NewsPost.objects.get(slug="a-new-post")
    assert response.status_code == CREATED
    assert post.status == NewsPost.Status.SUBMITTED
    assert post.published_at is None
    assert post.proposed_by == user.liaison.member
    assert post.author == user


# Confidential fields and hidden objects -----------------------------------------

SHOWN, HIDDEN, GONE = "shown", "hidden", "404"


def hidden_contact(city):
    return factories.PersonFactory(
        organisation=city, is_public=False, email="zhan@gz.example", phone="+86 1"
    )


def alliance_with_notes(city):
    return factories.AllianceFactory(
        granting=True, granting_member=city, internal_notes="Renegotiate in 2024."
    )


def post_with_author(city):
    return factories.NewsPostFactory(
        proposed_by=city, author=factories.UserFactory(username="writer")
    )


# (builder, resource, confidential fields, outcome per persona in PERSONAS order:
#  anonymous, read_key, write_key, own_liaison, other_liaison, editor)
CONFIDENTIAL = [
    (
        hidden_contact,
        "person",
        ["email", "phone"],
        (GONE, HIDDEN, SHOWN, SHOWN, GONE, SHOWN),
    ),
    (
        alliance_with_notes,
        "alliance",
        ["internal_notes"],
        (HIDDEN, HIDDEN, SHOWN, SHOWN, HIDDEN, SHOWN),
    ),
    (
        post_with_author,
        "newspost",
        ["author"],
        (HIDDEN, HIDDEN, SHOWN, HIDDEN, HIDDEN, SHOWN),
    ),
]


def confidential_cases():
    for build, basename, fields, outcomes in CONFIDENTIAL:
        for persona, outcome in zip(PERSONAS, outcomes, strict=True):
            yield pytest.param(
                build, basename, fields, persona, outcome, id=f"{basename}-{persona}"
            )


@pytest.mark.parametrize(
    ("build", "basename", "fields", "persona", "outcome"), list(confidential_cases())
)
def test_confidential_fields_by_persona(
    member, act_as, build, basename, fields, persona, outcome
):
    viewset = dict(ENDPOINTS)[basename]
    obj = build(member)
    client, _ = act_as(persona)

    detail = client.get(detail_url(basename, viewset, obj))
    listed = [
        row
        for row in client.get(reverse(f"api:{basename}-list")).json()["results"]
        if row["id"] == obj.pk
    ]

    if outcome == GONE:
        assert detail.status_code == NOT_FOUND
        assert listed == []
        return
    assert detail.status_code == OK
    for row in (detail.json(), *listed):
        assert {field in row for field in fields} == {outcome == SHOWN}
    assert len(listed) == 1
    if outcome == SHOWN:
        assert all(detail.json()[field] for field in fields)


def draft_alliance(city):
    return factories.AllianceFactory(
        granting=True,
        granting_member=city,
        signed_on=None,
        start_date=None,
        term_years=None,
    )


def submitted_post(city):
    return factories.NewsPostFactory(
        proposed_by=city, status=NewsPost.Status.SUBMITTED, published_at=None
    )


def scheduled_post(city):
    return factories.NewsPostFactory(
        proposed_by=city,
        published_at=datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC),
    )


#         builder, basename,
#         anonymous read_key write_key own_liaison other_liaison editor
HIDDEN_OBJECTS = [
    (hidden_contact, "person", NOT_FOUND, OK, OK, OK, NOT_FOUND, OK),
    (draft_alliance, "alliance", NOT_FOUND, NOT_FOUND, OK, OK, NOT_FOUND, OK),
    (submitted_post, "newspost", NOT_FOUND, NOT_FOUND, OK, OK, NOT_FOUND, OK),
    (scheduled_post, "newspost", NOT_FOUND, NOT_FOUND, OK, OK, NOT_FOUND, OK),
]


def hidden_cases():
    for build, basename, *statuses in HIDDEN_OBJECTS:
        for persona, status in zip(PERSONAS, statuses, strict=True):
            yield pytest.param(
                build,
                basename,
                persona,
                status,
                id=f"{build.__name__}-{persona}",
            )


@pytest.mark.parametrize(
    ("build", "basename", "persona", "status"), list(hidden_cases())
)
def test_who_sees_unpublished_objects(member, act_as, build, basename, persona, status):
    viewset = dict(ENDPOINTS)[basename]
    obj = build(member)
    client, _ = act_as(persona)

    response = client.get(detail_url(basename, viewset, obj))
    listed = client.get(reverse(f"api:{basename}-list")).json()["results"]

    assert response.status_code == status
    assert (obj.pk in {row["id"] for row in listed}) == (status == OK)


@pytest.mark.parametrize(
    ("build", "basename"), [(draft_alliance, "alliance"), (submitted_post, "newspost")]
)
@pytest.mark.parametrize("persona", [READ_KEY, OWN_LIAISON, OTHER_LIAISON])
def test_a_write_to_a_hidden_object_answers_as_for_a_missing_one(
    act_as, build, basename, persona
):
    """Nobody learns from a write's answer that a hidden object exists."""
    viewset = dict(ENDPOINTS)[basename]
    hidden = build(factories.MemberCityFactory())
    client, _ = act_as(persona)
    before = snapshot(hidden)

    response = client.patch(detail_url(basename, viewset, hidden), {"summary": "x"})
    missing = client.patch(
        reverse(f"api:{basename}-detail", args=["no-such-object"]), {"summary": "x"}
    )

    assert response.status_code == missing.status_code
    assert response.status_code in (FORBIDDEN, NOT_FOUND)
    assert snapshot(hidden) == before
