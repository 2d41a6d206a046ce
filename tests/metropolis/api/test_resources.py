"""The API core, for every resource: URL keys, ordering, relations by slug."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import Meeting, Resolution
from tests import factories
from tests.dues.utils import make_city, make_grid, make_invoice
from tests.metropolis.api.utils import (
    RESOURCES,
    assert_error_body,
    key_client,
    resource_params,
)
from webhooks.models import WebhookEndpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_of_each(member, write_key):
    """At least one row of every resource, so that orderings run on data."""
    WebhookEndpoint.objects.create(
        key=write_key[0], url="https://crm.example.org/in", events=["member.updated"]
    )
    factories.BoardMandateFactory(member=member)
    factories.RegionalSecretariatFactory(
        member=member, secretary=factories.PersonFactory(organisation=member)
    )
    plan = factories.StrategicActionPlanFactory()
    factories.PlanObjectiveFactory(plan=plan)
    alliance = factories.AllianceFactory(
        granting=True, granting_member=member, plan=plan
    )
    factories.AllianceExtensionFactory(alliance=alliance)
    factories.NewsPostFactory(proposed_by=member).related_alliances.add(alliance)
    make_grid()
    invoice = make_invoice(make_city(name="Invoiced"))
    invoice.payments.create(received_on=invoice.issued_on, amount="1.00")
    meeting = Meeting.objects.create(
        body="board",
        title="Board",
        slug="board",
        starts_at=timezone.now(),
        convened_on=timezone.localdate(),
        status="held",
    )
    item = meeting.agenda_items.create(position=1, title="Accounts")
    Resolution.objects.create(agenda_item=item, text="Resolved.")


# A NUL cannot even be looked up on PostgreSQL; the others are no slug or id.
ODD_KEYS = ["guangzhou%00", "%00", "1%00", "guang%20zhou", "gu%C3%A4ngzhou", "1.5"]


@pytest.mark.parametrize("key", ODD_KEYS)
@pytest.mark.parametrize(("basename", "viewset"), resource_params())
@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_an_odd_key_in_a_detail_url_is_a_json_404(
    write_key, member, basename, viewset, key, method
):
    url = f"{reverse(f'api:{basename}-list')}{key}/"

    response = getattr(key_client(write_key[1]), method)(url, {"name": "x"})

    assert response["Content-Type"] == "application/json"
    assert_error_body(response, HTTPStatus.NOT_FOUND, "not_found")


@pytest.mark.parametrize(("basename", "viewset"), resource_params())
def test_an_id_past_the_database_integers_is_a_json_404(api, basename, viewset):
    url = f"{reverse(f'api:{basename}-list')}{'9' * 30}/"

    assert_error_body(api.get(url), HTTPStatus.NOT_FOUND, "not_found")


def test_an_odd_key_in_an_action_url_is_a_json_404(write_key, member):
    url = reverse("api:alliance-list") + "guangzhou%00/extend/"

    response = key_client(write_key[1]).post(url, {"new_end_date": "2030-01-01"})

    assert_error_body(response, HTTPStatus.NOT_FOUND, "not_found")


def ordering_params():
    for basename, viewset in RESOURCES:
        for field in viewset.ordering_fields:
            for term in (field, f"-{field}"):
                yield pytest.param(basename, term, id=f"{basename}-{term}")


@pytest.mark.parametrize(("basename", "ordering"), list(ordering_params()))
def test_every_ordering_field_orders_its_resource(
    write_key, one_of_each, basename, ordering
):
    response = key_client(write_key[1]).get(
        reverse(f"api:{basename}-list"), {"ordering": ordering}
    )

    assert response.status_code == HTTPStatus.OK, response.content
    assert response.json()["results"]


@pytest.mark.parametrize("ordering", ["colour", "-colour", "{field},colour", "pk"])
@pytest.mark.parametrize(("basename", "viewset"), resource_params())
def test_an_unknown_ordering_is_400_naming_the_allowed_fields(
    api, basename, viewset, ordering
):
    ordering = ordering.format(field=viewset.ordering_fields[0])

    response = api.get(reverse(f"api:{basename}-list"), {"ordering": ordering})

    body = assert_error_body(response, HTTPStatus.BAD_REQUEST, "invalid")
    [message] = body["errors"]["ordering"]
    assert ordering.rpartition(",")[2].lstrip("-") in message
    assert all(field in message for field in viewset.ordering_fields)


def test_an_ordering_breaks_ties_by_id(api):
    cities = factories.MemberCityFactory.create_batch(5, join_year=1993)
    url = reverse("api:membercity-list")

    pages = [
        api.get(url, {"ordering": "-join_year", "page_size": 2, "page": page})
        for page in (1, 2, 3)
    ]

    ids = [row["id"] for page in pages for row in page.json()["results"]]
    assert ids == sorted(city.pk for city in cities)


def slug_relations():
    """Every writable relation by slug, on every resource."""
    for basename, viewset in RESOURCES:
        for name, field in viewset.serializer_class().fields.items():
            relation = getattr(field, "child_relation", field)
            is_slug = hasattr(relation, "slug_field")
            if is_slug and not field.read_only:
                yield pytest.param(basename, name, field, id=f"{basename}-{name}")


def test_the_slug_relations_are_found():
    found = {(param.values[0], param.values[1]) for param in slug_relations()}

    assert {
        ("membercity", "region_slug"),
        ("boardmandate", "member_slug"),
        ("regionalsecretariat", "region_slug"),
        ("regionalsecretariat", "member_slug"),
        ("person", "organisation_slug"),
        ("alliance", "granting_member_slug"),
        ("alliance", "plan_slug"),
        ("newspost", "category_slug"),
        ("newspost", "related_member_slugs"),
        ("newspost", "related_alliance_slugs"),
    } <= found


@pytest.mark.parametrize(("basename", "name", "field"), list(slug_relations()))
def test_a_nul_in_a_slug_relation_is_400_naming_the_field(
    write_key, member, basename, name, field
):
    viewset = dict(RESOURCES)[basename]
    model = viewset.queryset.model
    count = model._default_manager.count()
    value = f"{member.slug}\x00"

    response = key_client(write_key[1]).post(
        reverse(f"api:{basename}-list"),
        {name: [value] if hasattr(field, "child_relation") else value},
    )

    body = assert_error_body(response, HTTPStatus.BAD_REQUEST, "invalid")
    assert body["errors"][name] == ["Invalid value."]
    assert model._default_manager.count() == count
