"""The open data files parse as their formats say, and the data package
describes exactly the columns each file has."""

import datetime
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.utils import translation

from alliances.models import Alliance
from members.models import BoardMandate, MemberCity
from tests import factories
from tests.publicdata.open_data import (
    FILENAMES,
    check_csv,
    check_feature_collection,
    check_package,
    check_value,
    download,
    file_url,
    package,
    parse_json,
    schema_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    guangzhou = factories.MemberCityFactory(
        name="Guangzhou",
        slug="guangzhou",
        country="CN",
        latitude=Decimal("23.13"),
        longitude=Decimal("113.26"),
        is_capital=False,
        grp_amount=Decimal("2880000000000.50"),
        grp_currency="CNY",
        grp_year=2022,
        income_band=MemberCity.IncomeBand.UPPER_MIDDLE,
    )
    unplaced = factories.MemberCityFactory(name='Nowhere, "quoted"', slug="nowhere")
    factories.BoardMandateFactory(
        member=guangzhou,
        role=BoardMandate.Role.PRESIDENT,
        start_date=datetime.date(2021, 1, 1),
        end_date=datetime.date(2023, 12, 31),
    )
    factories.BoardMandateFactory(member=unplaced)
    factories.AllianceFactory(granting=True, granting_member=guangzhou)
    factories.AllianceFactory(title="Partner, with comma")
    return guangzhou, unplaced


def test_the_package_follows_the_data_package_rules(client, world):
    described = package(client)

    check_package(described)
    assert {resource["path"] for resource in described["resources"]} == set(FILENAMES)
    assert described["licenses"][0]["name"] == "CC-BY-4.0"


@pytest.mark.parametrize("filename", ["members.csv", "board.csv", "alliances.csv"])
def test_each_csv_has_the_columns_its_schema_describes(client, world, filename):
    rows = check_csv(download(client, filename), schema_of(package(client), filename))

    assert rows


def test_the_members_csv_holds_each_member_typed(client, world):
    rows = check_csv(
        download(client, "members.csv"), schema_of(package(client), "members.csv")
    )

    by_slug = {row["slug"]: row for row in rows}
    assert by_slug["guangzhou"]["latitude"] == "23.13"
    assert by_slug["guangzhou"]["longitude"] == "113.26"
    assert by_slug["guangzhou"]["grp_amount"] == "2880000000000.5"
    assert by_slug["guangzhou"]["country_name"] == "China"
    assert by_slug["guangzhou"]["is_capital"] == "false"
    assert by_slug["guangzhou"]["url"].endswith("/members/guangzhou/")
    assert by_slug["nowhere"]["name"] == 'Nowhere, "quoted"'
    assert by_slug["nowhere"]["latitude"] == ""


def test_the_board_csv_has_city_office_start_and_end(client, world):
    rows = check_csv(
        download(client, "board.csv"), schema_of(package(client), "board.csv")
    )

    assert [
        (row["city"], row["office"], row["start_date"], row["end_date"]) for row in rows
    ] == [
        ("nowhere", "board_member", "2020-01-01", ""),
        ("guangzhou", "president", "2021-01-01", "2023-12-31"),
    ]


def test_the_alliances_csv_has_dates_and_status(client, world):
    rows = check_csv(
        download(client, "alliances.csv"), schema_of(package(client), "alliances.csv")
    )

    granted = next(row for row in rows if row["granting_member"] == "guangzhou")
    assert granted["start_date"] == "2021-07-15"
    assert granted["end_date"] == "2024-07-14"
    assert granted["status"] == Alliance.Status.EXPIRED
    assert {row["title"] for row in rows} >= {"Partner, with comma"}


def test_the_members_json_has_the_described_keys_and_types(client, world):
    schema = schema_of(package(client), "members.json")
    rows = parse_json(download(client, "members.json"))

    names = [field["name"] for field in schema["fields"]]
    assert [row["slug"] for row in rows] == ["guangzhou", "nowhere"]
    for row in rows:
        assert list(row) == names
        for field in schema["fields"]:
            check_value(row[field["name"]], field)
    assert rows[0]["latitude"] == 23.13


def test_the_geojson_is_an_rfc_7946_feature_collection(client, world):
    schema = schema_of(package(client), "members.geojson")
    document = parse_json(download(client, "members.geojson"))

    check_feature_collection(document)
    features = {feature["id"]: feature for feature in document["features"]}
    assert features["guangzhou"]["geometry"] == {
        "type": "Point",
        "coordinates": [113.26, 23.13],
    }
    assert features["nowhere"]["geometry"] is None
    for feature in document["features"]:
        assert list(feature["properties"]) == [f["name"] for f in schema["fields"]]


@pytest.mark.parametrize(
    ("filename", "content_type"),
    [
        ("members.csv", "text/csv; charset=utf-8"),
        ("members.json", "application/json; charset=utf-8"),
        ("members.geojson", "application/geo+json; charset=utf-8"),
        ("board.csv", "text/csv; charset=utf-8"),
        ("alliances.csv", "text/csv; charset=utf-8"),
    ],
)
def test_each_file_is_a_download_of_its_type(client, world, filename, content_type):
    response = client.get(file_url(filename))

    assert response.streaming
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'


def test_a_file_not_changed_since_is_not_sent_again(client, world):
    etag = client.get(file_url("members.csv"))["ETag"]

    again = client.get(file_url("members.csv"), headers={"if-none-match": etag})

    assert again.status_code == HTTPStatus.NOT_MODIFIED


def test_a_new_member_changes_the_etag(client, world):
    etag = client.get(file_url("members.csv"))["ETag"]
    factories.MemberCityFactory(slug="dakar")

    again = client.get(file_url("members.csv"), headers={"if-none-match": etag})

    assert again.status_code == HTTPStatus.OK
    assert b"dakar" in b"".join(again.streaming_content)


def test_the_french_file_has_its_own_etag(client, world):
    """Its members' page addresses are the French pages."""
    etag = client.get(file_url("members.csv"))["ETag"]
    with translation.override("fr"):
        french_url = file_url("members.csv")

    french = client.get(french_url, headers={"if-none-match": etag})

    assert french_url.startswith("/fr/")
    assert french.status_code == HTTPStatus.OK
    assert b"/fr/members/" in b"".join(french.streaming_content)


def test_an_unknown_file_is_not_found(client):
    response = client.get(file_url("secrets.csv"))

    assert response.status_code == HTTPStatus.NOT_FOUND
