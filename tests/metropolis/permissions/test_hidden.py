"""The permission matrix: confidential fields and hidden objects, per persona."""

import datetime

import pytest
from django.urls import reverse

from news.models import NewsPost
from tests import factories
from tests.metropolis.permissions.utils import (
    ENDPOINTS,
    FORBIDDEN,
    NOT_FOUND,
    OK,
    OTHER_LIAISON,
    OWN_LIAISON,
    PERSONAS,
    READ_KEY,
    detail_url,
    snapshot,
)

pytestmark = pytest.mark.django_db

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
