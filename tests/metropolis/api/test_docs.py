"""The API core: the schema and the docs."""

import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.metropolis.api.utils import RESOURCES

pytestmark = pytest.mark.django_db


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
    # JSON, and multipart where a file may be sent (a city's emblem and
    # photo, core.api.images); never the form encodings.
    assert list(operations["post"]["requestBody"]["content"]) == [
        "application/json",
        "multipart/form-data",
    ]


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
