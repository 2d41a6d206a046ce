"""The API core: partner keys, errors, rate limits, ETags, paging, CSRF, docs."""

import datetime
import json
import re
from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from governance.models import Meeting, Resolution
from members.models import MemberCity, Region
from metropolis.api.urls import router
from partners.models import PartnerKey
from tests import factories
from tests.dues.utils import make_city, make_grid, make_invoice

pytestmark = pytest.mark.django_db

# (basename, viewset) of every resource on the router: one registered later is
# covered at once.
RESOURCES = [(basename, viewset) for _prefix, viewset, basename in router.registry]


def resource_params():
    return [pytest.param(*resource, id=resource[0]) for resource in RESOURCES]


@pytest.fixture
def key_owner():
    return factories.UserFactory(username="partner-owner")


def make_key(owner, scope, **kwargs) -> tuple[PartnerKey, str]:
    return PartnerKey.objects.create_key(
        name=f"{scope} key", owner=owner, scope=scope, **kwargs
    )


def key_client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    return client


@pytest.fixture
def read_key(key_owner):
    return make_key(key_owner, PartnerKey.Scope.READ)


@pytest.fixture
def write_key(key_owner):
    return make_key(key_owner, PartnerKey.Scope.WRITE)


@pytest.fixture
def api():
    return APIClient()


def member_url(member) -> str:
    return reverse("api:membercity-detail", args=[member.slug])


def assert_error_body(response, status: HTTPStatus, code: str | None = None):
    body = response.json()
    assert response.status_code == status
    assert body["status"] == status
    assert isinstance(body["code"], str) and body["code"]
    assert isinstance(body["detail"], str) and body["detail"]
    if code is not None:
        assert body["code"] == code
    return body


# Partner keys ------------------------------------------------------------------


def test_a_read_key_reads(read_key, member):
    _, key = read_key

    response = key_client(key).get(member_url(member))

    assert response.status_code == HTTPStatus.OK
    assert response.json()["name"] == "Guangzhou"


def test_an_unknown_key_is_refused_with_401(member):
    response = key_client("abcd1234.not-a-real-secret").get(member_url(member))

    assert_error_body(response, HTTPStatus.UNAUTHORIZED, "authentication_failed")
    assert response["WWW-Authenticate"] == 'Api-Key realm="api"'


def test_a_key_with_a_wrong_secret_is_refused(read_key, member):
    obj, _ = read_key

    response = key_client(f"{obj.prefix}.wrong-secret").get(member_url(member))

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert "WWW-Authenticate" in response


def test_a_malformed_authorization_header_is_refused(api, member):
    response = api.get(member_url(member), HTTP_AUTHORIZATION="Api-Key two parts")

    assert_error_body(response, HTTPStatus.UNAUTHORIZED)
    assert "Api-Key <key>" in response.json()["detail"]


def test_a_revoked_key_is_refused_with_401(key_owner, member):
    _, key = make_key(key_owner, PartnerKey.Scope.READ, revoked=True)

    response = key_client(key).get(member_url(member))

    assert_error_body(response, HTTPStatus.UNAUTHORIZED)
    assert response["WWW-Authenticate"] == 'Api-Key realm="api"'


def test_an_expired_key_is_refused_with_401(key_owner, member):
    yesterday = timezone.now() - datetime.timedelta(days=1)
    _, key = make_key(key_owner, PartnerKey.Scope.READ, expiry_date=yesterday)

    response = key_client(key).get(member_url(member))

    body = assert_error_body(response, HTTPStatus.UNAUTHORIZED)
    assert "expired" in body["detail"]
    assert "WWW-Authenticate" in response


def test_a_key_of_an_inactive_owner_is_refused(read_key, key_owner, member):
    _, key = read_key
    key_owner.is_active = False
    key_owner.save()

    response = key_client(key).get(member_url(member))

    assert response.status_code == HTTPStatus.UNAUTHORIZED


def test_revoking_a_key_takes_effect_on_the_next_request(read_key, member):
    obj, key = read_key
    client = key_client(key)
    assert client.get(member_url(member)).status_code == HTTPStatus.OK

    PartnerKey.objects.filter(pk=obj.pk).update(revoked=True)

    assert client.get(member_url(member)).status_code == HTTPStatus.UNAUTHORIZED


def test_a_key_is_stored_hashed(read_key):
    obj, key = read_key
    secret = key.partition(".")[2]

    row = PartnerKey.objects.filter(pk=obj.pk).values().get()

    assert secret
    assert not any(secret in str(value) for value in row.values())
    assert not any(key in str(value) for value in row.values())


def test_using_a_key_records_when_it_was_last_used(read_key, member):
    obj, key = read_key
    assert obj.last_used_at is None

    key_client(key).get(member_url(member))

    obj.refresh_from_db()
    assert obj.last_used_at is not None
    assert timezone.now() - obj.last_used_at < datetime.timedelta(minutes=1)


def test_a_read_key_cannot_write(read_key, member):
    _, key = read_key

    response = key_client(key).patch(member_url(member), {"summary": "Hacked"})

    assert_error_body(response, HTTPStatus.FORBIDDEN, "permission_denied")
    member.refresh_from_db()
    assert member.summary == ""


def test_a_write_key_writes_as_its_owner(write_key, key_owner, member):
    _, key = write_key

    response = key_client(key).patch(member_url(member), {"summary": "Port city."})

    assert response.status_code == HTTPStatus.OK
    member.refresh_from_db()
    assert member.summary == "Port city."
    assert member.history.latest().history_user == key_owner


def test_a_write_key_creates_with_its_owner_in_the_history(write_key, key_owner):
    _, key = write_key
    region = factories.RegionFactory(slug="europe")

    response = key_client(key).post(
        reverse("api:membercity-list"),
        {
            "name": "Berlin",
            "slug": "berlin",
            "country": "DE",
            "region_slug": region.slug,
            "join_year": 1985,
        },
    )

    assert response.status_code == HTTPStatus.CREATED
    berlin = MemberCity.objects.get(slug="berlin")
    assert berlin.history.get().history_user == key_owner
    assert response["Location"] == response.json()["url"]


# Error bodies ------------------------------------------------------------------


def test_a_validation_error_names_the_field(editor_client):
    response = editor_client.post(
        reverse("api:region-list"),
        json.dumps({"name": "Europe", "slug": "europe"}),
        content_type="application/json",
    )

    body = assert_error_body(response, HTTPStatus.BAD_REQUEST, "invalid")
    assert set(body["errors"]) == {"code"}


def test_a_write_without_credentials_is_401(api, member):
    response = api.patch(member_url(member), {"summary": "x"})

    assert_error_body(response, HTTPStatus.UNAUTHORIZED, "not_authenticated")
    assert response["WWW-Authenticate"] == 'Api-Key realm="api"'


def test_an_unknown_object_is_404_with_the_error_body(api):
    response = api.get(reverse("api:membercity-detail", args=["atlantis"]))

    assert_error_body(response, HTTPStatus.NOT_FOUND, "not_found")


def test_a_malformed_json_body_is_400_with_the_error_body(write_key):
    _, key = write_key

    response = key_client(key).generic(
        "POST",
        reverse("api:region-list"),
        "{not json",
        content_type="application/json",
    )

    assert_error_body(response, HTTPStatus.BAD_REQUEST, "parse_error")


# Conditional requests ----------------------------------------------------------


def test_a_detail_response_carries_an_etag(api, member):
    response = api.get(member_url(member))

    # A strong ETag: what the caller may see, and an HMAC of what it got.
    assert re.fullmatch(r'"[a-z0-9]+-[0-9a-f]{32}"', response["ETag"])


def test_if_none_match_answers_304_without_a_body(api, member):
    etag = api.get(member_url(member))["ETag"]

    response = api.get(member_url(member), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == HTTPStatus.NOT_MODIFIED
    assert response.content == b""
    assert response["ETag"] == etag


def test_if_none_match_answers_200_once_the_object_changed(api, member):
    etag = api.get(member_url(member))["ETag"]
    MemberCity.objects.filter(pk=member.pk).update(summary="Changed.")

    response = api.get(member_url(member), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == HTTPStatus.OK
    assert response.json()["summary"] == "Changed."
    assert response["ETag"] != etag


def test_a_write_changes_the_etag(write_key, member):
    client = key_client(write_key[1])
    before = client.get(member_url(member))["ETag"]

    response = client.patch(member_url(member), {"summary": "New."})

    assert response["ETag"] != before
    assert response["ETag"] == client.get(member_url(member))["ETag"]


@pytest.fixture
def stale_etag(write_key, member):
    """An ETag read before somebody else changed the city."""
    etag = key_client(write_key[1]).get(member_url(member))["ETag"]
    MemberCity.objects.filter(pk=member.pk).update(summary="Changed meanwhile.")
    return etag


def test_a_patch_with_a_stale_if_match_is_412_and_changes_nothing(
    write_key, member, stale_etag
):
    response = key_client(write_key[1]).patch(
        member_url(member), {"website": "https://example.org"}, HTTP_IF_MATCH=stale_etag
    )

    assert_error_body(response, HTTPStatus.PRECONDITION_FAILED, "precondition_failed")
    member.refresh_from_db()
    assert member.website == ""
    assert member.summary == "Changed meanwhile."


def test_a_put_with_a_stale_if_match_is_412_and_changes_nothing(write_key, member):
    region = member.region
    url = reverse("api:region-detail", args=[region.slug])
    client = key_client(write_key[1])
    etag = client.get(url)["ETag"]
    Region.objects.filter(pk=region.pk).update(name="Renamed meanwhile")

    response = client.put(
        url,
        {"code": "AP", "name": "Asia-Pacific", "slug": region.slug},
        HTTP_IF_MATCH=etag,
    )

    assert response.status_code == HTTPStatus.PRECONDITION_FAILED
    region.refresh_from_db()
    assert region.name == "Renamed meanwhile"
    assert region.code != "AP"


def test_a_delete_with_a_stale_if_match_is_412_and_deletes_nothing(
    write_key, member, stale_etag
):
    response = key_client(write_key[1]).delete(
        member_url(member), HTTP_IF_MATCH=stale_etag
    )

    assert response.status_code == HTTPStatus.PRECONDITION_FAILED
    assert MemberCity.objects.filter(pk=member.pk).exists()


def test_a_patch_with_the_current_if_match_succeeds(write_key, member):
    client = key_client(write_key[1])
    etag = client.get(member_url(member))["ETag"]

    response = client.patch(
        member_url(member), {"summary": "Current."}, HTTP_IF_MATCH=etag
    )

    assert response.status_code == HTTPStatus.OK
    member.refresh_from_db()
    assert member.summary == "Current."


def test_a_delete_with_the_current_if_match_succeeds(write_key, member):
    client = key_client(write_key[1])
    etag = client.get(member_url(member))["ETag"]

    response = client.delete(member_url(member), HTTP_IF_MATCH=etag)

    assert response.status_code == HTTPStatus.NO_CONTENT
    assert not MemberCity.objects.filter(pk=member.pk).exists()


# Rate limits -------------------------------------------------------------------


@pytest.fixture
def low_rates(settings):
    settings.API_RATES = {
        "anon": "2/min",
        "read": "3/min",
        "write": "3/min",
        "user": "3/min",
    }


def test_anonymous_callers_past_their_rate_get_429_with_retry_after(
    api, member, low_rates
):
    for _ in range(2):
        assert api.get(member_url(member)).status_code == HTTPStatus.OK

    response = api.get(member_url(member))

    assert_error_body(response, HTTPStatus.TOO_MANY_REQUESTS, "throttled")
    assert 0 < int(response["Retry-After"]) <= 60


def test_a_key_has_its_own_rate(read_key, api, member, low_rates):
    for _ in range(2):
        api.get(member_url(member))
    assert api.get(member_url(member)).status_code == HTTPStatus.TOO_MANY_REQUESTS
    client = key_client(read_key[1])

    statuses = [client.get(member_url(member)).status_code for _ in range(4)]

    assert statuses == [HTTPStatus.OK] * 3 + [HTTPStatus.TOO_MANY_REQUESTS]


def test_write_keys_are_throttled_too(write_key, member, low_rates):
    client = key_client(write_key[1])
    for _ in range(3):
        client.patch(member_url(member), {"summary": "again"})

    response = client.patch(member_url(member), {"summary": "once too many"})

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Retry-After" in response
    member.refresh_from_db()
    assert member.summary == "again"


# Pagination --------------------------------------------------------------------


def test_a_list_pages_with_count_and_links(api):
    factories.MemberCityFactory.create_batch(3)
    url = reverse("api:membercity-list")

    first = api.get(url, {"page_size": 2}).json()
    second = api.get(first["next"]).json()

    assert first["count"] == 3
    assert first["previous"] is None
    assert len(first["results"]) == 2
    assert len(second["results"]) == 1
    assert second["next"] is None
    assert second["previous"] is not None


def test_the_page_size_is_capped_at_100(api):
    Region.objects.bulk_create(
        Region(code=f"R{n}", name=f"Region {n:03}", slug=f"region-{n}")
        for n in range(101)
    )

    body = api.get(reverse("api:region-list"), {"page_size": 500}).json()

    assert body["count"] == 101
    assert len(body["results"]) == 100
    assert body["next"] is not None


def test_a_page_out_of_range_is_404_with_the_error_body(api, member):
    response = api.get(reverse("api:membercity-list"), {"page": 9})

    assert_error_body(response, HTTPStatus.NOT_FOUND, "not_found")


@pytest.mark.parametrize("page_size", ["abc", "0", "-5", "1.5"])
def test_a_bad_page_size_is_400_naming_it(api, page_size):
    response = api.get(reverse("api:membercity-list"), {"page_size": page_size})

    body = assert_error_body(response, HTTPStatus.BAD_REQUEST, "invalid")
    assert list(body["errors"]) == ["page_size"]


@pytest.mark.parametrize(
    "path", ["people/1.5e-08/", "no-such-resource/", "members/a/b/"]
)
def test_an_unknown_api_url_is_404_with_the_error_body(api, path):
    response = api.delete(reverse("api:api-root") + path)

    assert response["Content-Type"] == "application/json"
    assert_error_body(response, HTTPStatus.NOT_FOUND, "not_found")


# CSRF on session writes --------------------------------------------------------


@pytest.fixture
def csrf_client(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    return client


def test_a_session_write_without_the_csrf_token_is_refused(csrf_client, member):
    response = csrf_client.patch(
        member_url(member),
        json.dumps({"summary": "Forged."}),
        content_type="application/json",
    )

    body = assert_error_body(response, HTTPStatus.FORBIDDEN)
    assert "CSRF" in body["detail"]
    member.refresh_from_db()
    assert member.summary == ""


def test_a_session_write_with_the_csrf_token_is_accepted(csrf_client, member):
    token = "a" * 32
    csrf_client.cookies["csrftoken"] = token

    response = csrf_client.patch(
        member_url(member),
        json.dumps({"summary": "Genuine."}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )

    assert response.status_code == HTTPStatus.OK
    member.refresh_from_db()
    assert member.summary == "Genuine."


def test_key_writes_need_no_csrf_token(write_key, member):
    client = Client(enforce_csrf_checks=True)

    response = client.patch(
        member_url(member),
        json.dumps({"summary": "By key."}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Api-Key {write_key[1]}",
    )

    assert response.status_code == HTTPStatus.OK


# Schema and docs ---------------------------------------------------------------


def test_the_docs_page_uses_only_local_assets(client):
    response = client.get(reverse("api:docs"))

    html = response.content.decode()
    assets = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert response.status_code == HTTPStatus.OK
    assert assets
    assert not [a for a in assets if re.match(r"(https?:)?//", a)]
    assert not re.search(r"https?://(?!127\.0\.0\.1|localhost|testserver)", html)


def test_the_docs_page_assets_are_served(client):
    html = client.get(reverse("api:docs")).content.decode()
    assets = re.findall(r'<script[^>]+src="([^"]+)"', html)

    statuses = {client.get(asset).status_code for asset in assets}

    assert statuses == {HTTPStatus.OK}


def test_the_schema_is_an_openapi_3_document(client):
    response = client.get(reverse("api:schema"), {"format": "json"})

    schema = response.json()
    assert response.status_code == HTTPStatus.OK
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/members/{slug}/" in schema["paths"]


def test_the_schema_says_reads_need_no_credentials_and_writes_do(client):
    schema = client.get(reverse("api:schema"), {"format": "json"}).json()

    operations = schema["paths"]["/api/v1/members/"]
    assert {} in operations["get"]["security"]
    assert {} not in operations["post"]["security"]
    assert list(operations["post"]["requestBody"]["content"]) == ["application/json"]


def test_the_schema_documents_errors_and_conditional_headers(client):
    schema = client.get(reverse("api:schema"), {"format": "json"}).json()

    patch = schema["paths"]["/api/v1/members/{slug}/"]["patch"]
    assert {"400", "401", "403", "404", "412", "429"} <= set(patch["responses"])
    assert "Retry-After" in patch["responses"]["429"]["headers"]
    assert "If-Match" in {p["name"] for p in patch["parameters"]}
    get = schema["paths"]["/api/v1/members/{slug}/"]["get"]
    assert "ETag" in get["responses"]["200"]["headers"]
    assert "304" in get["responses"]


def confidential_serializers():
    for basename, viewset in RESOURCES:
        serializer = viewset.serializer_class
        if getattr(serializer.Meta, "confidential_fields", None):
            yield pytest.param(serializer, id=basename)


@pytest.mark.parametrize("serializer", list(confidential_serializers()))
def test_the_schema_does_not_require_confidential_fields_in_responses(
    client, serializer
):
    """They are left out for callers who may not see them."""
    schema = client.get(reverse("api:schema"), {"format": "json"}).json()

    component = schema["components"]["schemas"][
        serializer.__name__.removesuffix("Serializer")
    ]
    confidential = set(serializer.Meta.confidential_fields)
    assert confidential <= set(component["properties"])
    assert not confidential & set(component.get("required", ()))


def test_the_schema_lists_the_ordering_fields(client):
    schema = client.get(reverse("api:schema"), {"format": "json"}).json()

    parameters = schema["paths"]["/api/v1/members/"]["get"]["parameters"]
    [ordering] = [p for p in parameters if p["name"] == "ordering"]
    assert re.fullmatch(ordering["schema"]["pattern"], "name,-join_year")
    assert not re.fullmatch(ordering["schema"]["pattern"], "name,colour")


def test_the_schema_documents_ids_in_urls_as_integers(client):
    schema = client.get(reverse("api:schema"), {"format": "json"}).json()

    parameters = schema["paths"]["/api/v1/people/{id}/"]["get"]["parameters"]
    [key] = [p for p in parameters if p["in"] == "path"]
    assert key["schema"]["type"] == "integer"


# Every resource: URL keys, ordering, relations by slug -------------------------


@pytest.fixture
def one_of_each(member):
    """At least one row of every resource, so that orderings run on data."""
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
