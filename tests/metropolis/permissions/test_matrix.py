"""The permission matrix: every persona × every registered resource × method."""

import pytest
from django.urls import reverse

from news.models import NewsPost
from tests.metropolis.permissions.utils import (
    ANONYMOUS,
    CONFLICT,
    CREATED,
    ENDPOINTS,
    EXCEPTIONS,
    EXPECTED,
    FORBIDDEN,
    METHODS,
    OTHER_LIAISON,
    OWN_LIAISON,
    PERSONAS,
    READ_KEY,
    UNAUTHORIZED,
    _post_payload,
    detail_url,
    expected_status,
    model_of,
    resource_of,
    snapshot,
)

pytestmark = pytest.mark.django_db


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
