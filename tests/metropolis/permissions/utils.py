"""The permission matrix's tables: personas, the expected status per action and
persona, and every resource of the API router with how to build and change it.

Resources come from the API router, so a resource registered later is covered
as soon as it has a row in RESOURCES below (the test fails until it does).
"""

from dataclasses import dataclass
from http import HTTPStatus

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from alliances.models import Alliance, StrategicActionPlan
from members.models import BoardMandate, MemberCity, Person, Region, RegionalSecretariat
from metropolis.api.urls import router
from news.models import Category, NewsPost
from tests import factories
from tests.api_utils import (  # noqa: F401 (the matrix's modules import them here)
    ANONYMOUS,
    EDITOR,
    OTHER_LIAISON,
    OWN_LIAISON,
    PERSONAS,
    READ_KEY,
    WRITE_KEY,
)

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
# deleted): tests/governance/test_api.py. Webhook endpoints (partner keys
# only, each its own): tests/webhooks/test_api.py.
ELSEWHERE = {
    "feegrid",
    "invoice",
    "payment",
    "meeting",
    "resolution",
    "webhookendpoint",
}
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


def snapshot(obj):
    """The object's stored values, or None once it is gone."""
    fresh = type(obj)._default_manager.filter(pk=obj.pk).first()
    return None if fresh is None else model_to_dict(fresh)
