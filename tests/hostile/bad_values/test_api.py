"""Bad values in the API's bodies."""

import json
from http import HTTPStatus

import pytest
from django.urls import reverse
from rest_framework import serializers

from core.api.serializers import StrictCharField
from tests.hostile import payloads
from tests.hostile.bad_values.utils import RESOURCES, rotated
from tests.hostile.world import api_caller

pytestmark = pytest.mark.django_db

# NaN, Infinity and lone surrogates are not JSON text: a body holding one is
# refused whole (below).
WHOLE_BODY_KINDS = ("nan", "float-overflow", "surrogate")
API_KINDS = [k for k, _v in payloads.JSON_VALUES if k not in WHOLE_BODY_KINDS]
API_VALUES = dict(payloads.JSON_VALUES)
# Relations, numbers, dates and choices take nothing but their own values.
TYPED_API_FIELDS = (
    serializers.BooleanField,
    serializers.ChoiceField,
    serializers.IntegerField,
    serializers.DecimalField,
    serializers.FloatField,
    serializers.DateField,
    serializers.DateTimeField,
    serializers.RelatedField,
    serializers.ManyRelatedField,
    serializers.URLField,
    serializers.EmailField,
)
NOT_A_SLUG = {"sql", "nul", "control", "surrogate", "path", "long"}


def writable(viewset) -> dict[str, serializers.Field]:
    fields = viewset.serializer_class(context={}).fields
    return {name: field for name, field in fields.items() if not field.read_only}


def api_must_refuse(field, kind: str) -> bool:
    """Whether an API field has to refuse a JSON_VALUES value of `kind`."""
    if kind in ("empty", "null"):
        return False  # optional fields take them
    if kind in ("nul", "object"):
        return True
    if isinstance(field, serializers.ListField):
        return kind != "list"
    if kind == "negative" and isinstance(field, serializers.DecimalField):
        return False  # a rule of the model's clean(): see the test below
    if kind == "list" or isinstance(field, TYPED_API_FIELDS):
        return True
    if isinstance(field, serializers.SlugField) and kind in NOT_A_SLUG:
        return True
    return (
        kind == "long"
        and field.max_length is not None
        and field.max_length < len(payloads.LONG)
    )


def stored(obj):
    """The object's columns and its many-to-many keys, as the database has them."""
    obj = type(obj)._default_manager.get(pk=obj.pk)
    columns = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    for field in obj._meta.many_to_many:
        columns[field.name] = sorted(getattr(obj, field.name).values_list("pk"))
    return columns


def world_object(viewset):
    return viewset.queryset.model._default_manager.order_by("pk").last()


def api_write(client, viewset, basename, method, body):
    if method == "post":
        url = reverse(f"api:{basename}-list")
    else:
        key = getattr(world_object(viewset), viewset.lookup_field)
        url = reverse(f"api:{basename}-detail", args=[key])
    return getattr(client, method)(
        url, json.dumps(body), content_type="application/json"
    )


API_ROUNDS = 8


@pytest.mark.parametrize("round_", range(API_ROUNDS))
@pytest.mark.parametrize("method", ["post", "put"])
@pytest.mark.parametrize(("viewset", "basename"), RESOURCES)
def test_api_refuses_bad_values_field_by_field(
    client, world, viewset, basename, method, round_
):
    client = api_caller(client, world, basename)
    fields = writable(viewset)
    sent = {
        name: rotated(round_, API_ROUNDS, index, API_KINDS)
        for index, name in enumerate(sorted(fields))
    }
    model = viewset.queryset.model
    count, before = model._default_manager.count(), stored(world_object(viewset))

    response = api_write(
        client,
        viewset,
        basename,
        method,
        {name: API_VALUES[kind] for name, kind in sent.items()},
    )

    if method not in viewset.http_method_names:  # dues: created, never replaced
        assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
        assert stored(world_object(viewset)) == before
        return
    refused = [
        name for name, kind in sent.items() if api_must_refuse(fields[name], kind)
    ]
    if not refused:  # e.g. a category named "-1" with the slug "2021-02-30"
        assert response.status_code in (
            HTTPStatus.OK,
            HTTPStatus.CREATED,
            HTTPStatus.BAD_REQUEST,  # e.g. a region code longer than 8
        ), response.content[:300]
        return
    assert response.status_code == HTTPStatus.BAD_REQUEST, response.content[:300]
    errors = json.loads(response.content)["errors"]
    for name in refused:
        kind = sent[name]
        assert name in errors, f"{name} took {kind}: {API_VALUES[kind]!r:.40}"
    assert model._default_manager.count() == count
    assert stored(world_object(viewset)) == before


@pytest.mark.parametrize("persona", ["editor", "liaison"])
def test_api_refuses_a_negative_gross_regional_product(client, world, persona):
    client.force_login(getattr(world, persona))
    before = stored(world.member)

    response = client.patch(
        reverse("api:membercity-detail", args=[world.member.slug]),
        {"grp_amount": "-1"},
        content_type="application/json",
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "grp_amount" in json.loads(response.content)["errors"]
    assert stored(world.member) == before


def write_body(viewset, obj) -> dict:
    """What a partner would PUT to leave `obj` as it is."""
    body = {}
    for name, field in writable(viewset).items():
        try:
            value = field.get_attribute(obj)
        except serializers.SkipField:
            continue  # an upload only (a post's lead_image_upload): sent or not
        body[name] = None if value is None else field.to_representation(value)
    return body


@pytest.mark.parametrize(("viewset", "basename"), RESOURCES)
def test_api_stores_hostile_text_exactly(client, world, viewset, basename):
    client = api_caller(client, world, basename)
    obj = world_object(viewset)
    fields = writable(viewset)
    texts = {
        name: payloads.accepted_text(field.max_length)
        for name, field in fields.items()
        if type(field) in (serializers.CharField, StrictCharField)
    }
    if isinstance(fields.get("objectives"), serializers.ListField):
        texts["objectives"] = [payloads.accepted_text(None), payloads.CORE]
    body = write_body(viewset, obj) | texts

    response = api_write(client, viewset, basename, "put", body)

    if "put" not in viewset.http_method_names:  # dues: see tests/dues/test_api.py
        assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
        return
    assert response.status_code == HTTPStatus.OK, response.content[:500]
    data = json.loads(response.content)
    columns = stored(obj)
    for name, value in texts.items():
        if fields[name].write_only:  # a translation (name_fr...): read in its column
            assert columns[name] == value, name
        else:
            assert data[name] == value, name


@pytest.mark.parametrize(
    "body",
    [
        "[]",
        '"text"',
        "42",
        "null",
        "{",
        '{"name": NaN}',
        '{"name": Infinity}',
        '{"name": "\\ud800", "region_slug": "\\ud800", "country": "\\udfff"}',
        "[" * 5000 + "]" * 5000,
        '{"a": 1, "a": 2}',
    ],
    ids=[
        "list",
        "string",
        "number",
        "null",
        "truncated",
        "nan",
        "infinity",
        "surrogate",
        "deep",
        "duplicate-key",
    ],
)
@pytest.mark.parametrize("method", ["post", "put"])
def test_api_refuses_bodies_that_are_not_an_object(client, world, method, body):
    client.force_login(world.editor)
    url = reverse("api:membercity-list")
    if method == "put":
        url = reverse("api:membercity-detail", args=[world.member.slug])
    before = stored(world.member)

    response = getattr(client, method)(url, body, content_type="application/json")

    assert response.status_code == HTTPStatus.BAD_REQUEST, response.content[:300]
    assert json.loads(response.content)["detail"]
    assert stored(world.member) == before
