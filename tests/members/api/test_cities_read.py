"""The members API: reading member cities."""

import datetime

import pytest
from django.urls import reverse

from members.models import BoardMandate
from tests import factories
from tests.members.api.utils import TODAY, days, list_url, names

pytestmark = pytest.mark.django_db


def test_a_member_shows_its_derived_facts(api, guangzhou):
    BoardMandate.objects.create(
        member=guangzhou,
        role=BoardMandate.Role.PRESIDENT,
        start_date=TODAY() - days(30),
    )
    BoardMandate.objects.create(
        member=guangzhou,
        role=BoardMandate.Role.CO_PRESIDENT,
        start_date=datetime.date(2014, 1, 1),
        end_date=TODAY() - days(31),
    )

    body = api.get(reverse("api:membercity-detail", args=["guangzhou"])).json()

    assert body["is_megacity"] is True
    assert body["current_roles"] == ["president"]
    assert body["join_year"] == 1993
    assert body["country"] == "CN"
    assert body["country_name"] == "China"
    assert body["region"] == {
        "id": guangzhou.region_id,
        "name": "Asia-Pacific",
        "url": "http://testserver/api/v1/regions/asia-pacific/",
    }
    assert body["url"] == "http://testserver/api/v1/members/guangzhou/"
    assert body["html_url"] == "http://testserver" + guangzhou.get_absolute_url()


def test_two_roles_held_at_once_are_listed_president_first(api, guangzhou):
    for role in [BoardMandate.Role.TREASURER, BoardMandate.Role.PRESIDENT]:
        BoardMandate.objects.create(
            member=guangzhou, role=role, start_date=TODAY() - days(10)
        )

    detail = api.get(reverse("api:membercity-detail", args=["guangzhou"])).json()
    listed = api.get(reverse("api:membercity-list")).json()["results"]

    assert detail["current_roles"] == ["president", "treasurer"]
    assert listed[0]["current_roles"] == ["president", "treasurer"]


def test_a_new_role_changes_the_members_etag(api, guangzhou):
    url = reverse("api:membercity-detail", args=["guangzhou"])
    before = api.get(url)["ETag"]
    factories.BoardMandateFactory(
        member=guangzhou, role=BoardMandate.Role.TREASURER, start_date=TODAY()
    )

    assert api.get(url, headers={"If-None-Match": before}).status_code == 200


def test_a_member_without_mandates_has_no_current_roles(api, berlin):
    body = api.get(reverse("api:membercity-detail", args=["berlin"])).json()

    assert body["current_roles"] == []
    assert body["is_megacity"] is False


def test_a_mandate_that_has_not_started_is_not_a_current_role(api, berlin):
    factories.BoardMandateFactory(member=berlin, start_date=TODAY() + days(1))

    body = api.get(reverse("api:membercity-detail", args=["berlin"])).json()

    assert body["current_roles"] == []


def test_members_are_listed_by_name(api, guangzhou, berlin):
    assert names(api.get(list_url("membercity"))) == ["Berlin", "Guangzhou"]
