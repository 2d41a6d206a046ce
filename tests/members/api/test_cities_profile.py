"""The members API: the liaison's profile of their member city."""

from http import HTTPStatus

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_liaison_updates_its_city_profile(liaison_api, liaison, member):
    response = liaison_api.patch(
        reverse("api:membercity-detail", args=[member.slug]),
        {"summary": "Gateway to the south.", "website": "https://www.gz.gov.cn"},
    )

    assert response.status_code == HTTPStatus.OK
    assert response.json()["summary"] == "Gateway to the south."
    member.refresh_from_db()
    assert member.website == "https://www.gz.gov.cn"
    assert member.history.latest().history_user == liaison


def test_a_liaison_sets_its_gross_regional_product(liaison_api, member):
    response = liaison_api.patch(
        reverse("api:membercity-detail", args=[member.slug]),
        {"grp_amount": "2360000000000.00", "grp_currency": "CNY", "grp_year": 2019},
    )

    assert response.status_code == HTTPStatus.OK
    member.refresh_from_db()
    assert (member.grp_currency, member.grp_year) == ("CNY", 2019)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "Canton"}, "name"),
        ({"join_year": 1985}, "join_year"),
        ({"status": "withdrawn"}, "status"),
        ({"category": "associate"}, "category"),
    ],
)
def test_a_liaison_cannot_change_other_fields(liaison_api, member, change, field):
    response = liaison_api.patch(
        reverse("api:membercity-detail", args=[member.slug]),
        {**change, "summary": "Sneaked in."},
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == [field]
    member.refresh_from_db()
    assert member.summary == ""
    assert member.name == "Guangzhou"


def test_a_liaison_cannot_move_its_city_to_another_region(liaison_api, member, europe):
    response = liaison_api.patch(
        reverse("api:membercity-detail", args=[member.slug]),
        {"region_slug": "europe"},
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "region_slug" in response.json()["errors"]
    member.refresh_from_db()
    assert member.region != europe


def test_a_liaison_may_resend_unchanged_fields(liaison_api, member):
    response = liaison_api.patch(
        reverse("api:membercity-detail", args=[member.slug]),
        {"name": "Guangzhou", "summary": "Same name."},
    )

    assert response.status_code == HTTPStatus.OK


def test_a_liaison_cannot_update_another_city(liaison_api, other_member):
    response = liaison_api.patch(
        reverse("api:membercity-detail", args=[other_member.slug]),
        {"summary": "Not mine."},
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    other_member.refresh_from_db()
    assert other_member.summary == ""


def test_a_liaison_profile_edit_is_still_validated(liaison_api, member):
    response = liaison_api.patch(
        reverse("api:membercity-detail", args=[member.slug]),
        {"population": 5_000_000, "population_year": None},
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "population_year" in response.json()["errors"]
    member.refresh_from_db()
    assert member.population == 2_000_000
