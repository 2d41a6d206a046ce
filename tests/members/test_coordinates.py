"""A member city's coordinates (latitude, longitude): both or neither, in
range, the same rule and message from the model, the database, the admin,
the portal and the API."""

import re
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from members.models import MemberCity
from tests.admin_utils import admin_url, changeform_data
from tests.portal.test_profile import form_data

pytestmark = pytest.mark.django_db

PAIRED = "Give the latitude and the longitude together."
# (latitude, longitude, the field the error names)
OUT_OF_RANGE = [
    ("90.5", "0", "latitude"),
    ("-91", "0", "latitude"),
    ("0", "180.000001", "longitude"),
    ("0", "-200", "longitude"),
]
ONE_WITHOUT_THE_OTHER = [("23.13", "", "longitude"), ("", "113.26", "latitude")]
# Text a form or a JSON body may carry instead of a number.
HOSTILE = ["abc", "NaN", "Infinity", "-inf", "1e999", "23,13", "<b>1</b>", "1\x00"]


def detail(member) -> str:
    return reverse("api:membercity-detail", args=[member.slug])


# -- the model and the database ----------------------------------------------


def test_a_city_may_have_coordinates_or_none(member):
    member.latitude, member.longitude = Decimal("23.1291"), Decimal("113.2644")
    member.full_clean()
    member.save()

    member.refresh_from_db()
    assert (member.latitude, member.longitude) == (
        Decimal("23.129100"),
        Decimal("113.264400"),
    )
    assert member.has_coordinates


@pytest.mark.parametrize(("latitude", "longitude", "field"), OUT_OF_RANGE)
def test_clean_refuses_coordinates_out_of_range(member, latitude, longitude, field):
    member.latitude, member.longitude = Decimal(latitude), Decimal(longitude)

    with pytest.raises(ValidationError) as refused:
        member.full_clean()

    assert set(refused.value.message_dict) == {field}


@pytest.mark.parametrize(("latitude", "longitude", "field"), ONE_WITHOUT_THE_OTHER)
def test_clean_asks_for_the_missing_coordinate(member, latitude, longitude, field):
    member.latitude = Decimal(latitude) if latitude else None
    member.longitude = Decimal(longitude) if longitude else None

    with pytest.raises(ValidationError) as refused:
        member.full_clean()

    assert refused.value.message_dict == {field: [PAIRED]}


@pytest.mark.parametrize(
    "values",
    [
        {"latitude": Decimal("95"), "longitude": Decimal("0")},
        {"latitude": Decimal("0"), "longitude": Decimal("-180.5")},
        {"latitude": Decimal("10"), "longitude": None},
        {"latitude": None, "longitude": Decimal("10")},
    ],
)
def test_the_database_refuses_what_clean_refuses(member, values):
    # An update() runs no validation: the check constraints are the last word.
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberCity.objects.filter(pk=member.pk).update(**values)


# -- the admin ------------------------------------------------------------------


def admin_post(editor_client, member, latitude, longitude):
    url = admin_url("members.membercity", "change", member.pk)
    data = changeform_data(editor_client.get(url))
    data.update({"latitude": latitude, "longitude": longitude})
    return editor_client.post(url, data)


def test_editor_places_a_city_on_the_map(editor_client, member):
    response = admin_post(editor_client, member, "23.1291", "113.2644")

    assert response.status_code == HTTPStatus.FOUND
    member.refresh_from_db()
    assert member.latitude == Decimal("23.1291")
    assert member.longitude == Decimal("113.2644")


@pytest.mark.parametrize(
    ("latitude", "longitude", "field"),
    [
        *OUT_OF_RANGE,
        *ONE_WITHOUT_THE_OTHER,
        *((text, "10", "latitude") for text in HOSTILE),
        *(("10", text, "longitude") for text in HOSTILE),
    ],
)
def test_admin_refuses_bad_coordinates_on_the_field(
    editor_client, member, latitude, longitude, field
):
    response = admin_post(editor_client, member, latitude, longitude)

    assert response.status_code == HTTPStatus.OK
    assert list(response.context["adminform"].form.errors) == [field]
    member.refresh_from_db()
    assert (member.latitude, member.longitude) == (None, None)


# -- the liaison portal ------------------------------------------------------------


def test_liaison_places_its_city_on_the_map(liaison_client, member):
    data = form_data(member, latitude="23.1291", longitude="113.2644")

    response = liaison_client.post(reverse("portal:profile"), data)

    assert response.status_code == HTTPStatus.FOUND
    member.refresh_from_db()
    assert (member.latitude, member.longitude) == (
        Decimal("23.1291"),
        Decimal("113.2644"),
    )


def test_portal_inputs_say_the_range(liaison_client):
    html = liaison_client.get(reverse("portal:profile")).content.decode()

    latitude = re.search(r'<input[^>]*name="latitude"[^>]*>', html).group(0)
    longitude = re.search(r'<input[^>]*name="longitude"[^>]*>', html).group(0)
    assert 'min="-90"' in latitude and 'max="90"' in latitude
    assert 'min="-180"' in longitude and 'max="180"' in longitude
    assert 'step="0.000001"' in latitude


@pytest.mark.parametrize(
    ("latitude", "longitude", "field"),
    [
        *OUT_OF_RANGE,
        *ONE_WITHOUT_THE_OTHER,
        *((text, "10", "latitude") for text in HOSTILE),
    ],
)
def test_portal_refuses_bad_coordinates_on_the_field(
    liaison_client, member, latitude, longitude, field
):
    data = form_data(member, latitude=latitude, longitude=longitude)

    response = liaison_client.post(reverse("portal:profile"), data)

    assert response.status_code == HTTPStatus.OK
    assert list(response.context["form"].errors) == [field]
    assert 'class="field field-invalid"' in response.content.decode()
    member.refresh_from_db()
    assert (member.latitude, member.longitude) == (None, None)


# -- the API --------------------------------------------------------------------------


def test_the_api_shows_coordinates_as_decimal_text(api, member):
    MemberCity.objects.filter(pk=member.pk).update(
        latitude=Decimal("-34.9011"), longitude=Decimal("-56.1645")
    )

    body = api.get(detail(member)).json()

    assert (body["latitude"], body["longitude"]) == ("-34.901100", "-56.164500")


def test_the_api_shows_no_coordinates_as_null(api, member):
    body = api.get(detail(member)).json()

    assert (body["latitude"], body["longitude"]) == (None, None)


@pytest.mark.parametrize("persona", ["liaison_api", "editor_api"])
def test_the_api_sets_coordinates(request, member, persona):
    client = request.getfixturevalue(persona)

    response = client.patch(
        detail(member), {"latitude": "23.1291", "longitude": 113.2644}, format="json"
    )

    assert response.status_code == HTTPStatus.OK, response.content
    assert response.json()["latitude"] == "23.129100"
    member.refresh_from_db()
    assert member.longitude == Decimal("113.2644")


@pytest.mark.parametrize(
    ("latitude", "longitude", "field"),
    [
        *OUT_OF_RANGE,
        *ONE_WITHOUT_THE_OTHER,
        *((text, "10", "latitude") for text in HOSTILE),
        (True, "10", "latitude"),
        ([23], "10", "latitude"),
        ({"deg": 23}, "10", "latitude"),
        ("10", 1e308, "longitude"),
    ],
)
def test_the_api_refuses_bad_coordinates_naming_the_field(
    liaison_api, member, latitude, longitude, field
):
    body = {
        "latitude": latitude if latitude != "" else None,
        "longitude": longitude if longitude != "" else None,
    }

    response = liaison_api.patch(detail(member), body, format="json")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == [field]
    member.refresh_from_db()
    assert (member.latitude, member.longitude) == (None, None)


def test_a_liaison_cannot_place_another_city(liaison_api, other_member):
    response = liaison_api.patch(
        detail(other_member), {"latitude": "1", "longitude": "1"}, format="json"
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    other_member.refresh_from_db()
    assert other_member.latitude is None
