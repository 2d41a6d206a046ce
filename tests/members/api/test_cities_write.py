"""The members API: writing member cities."""

from http import HTTPStatus

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from members.models import BoardMandate, MemberCity, Region
from tests import factories
from tests.members.api.utils import TODAY, list_url

pytestmark = pytest.mark.django_db


def new_city(**overrides) -> dict:
    return {
        "name": "Montevideo",
        "slug": "montevideo",
        "country": "UY",
        "region_slug": "europe",
        "join_year": 1995,
        "population": 1_300_000,
        "population_year": 2021,
        **overrides,
    }


def test_a_writer_creates_a_member(writer, europe):
    response = writer.post(list_url("membercity"), new_city())

    assert response.status_code == HTTPStatus.CREATED
    assert response.json()["region"]["name"] == "Europe"
    assert MemberCity.objects.get(slug="montevideo").country.code == "UY"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"join_year": 1900}, "join_year"),
        ({"join_year": TODAY().year + 1}, "join_year"),
        ({"population_year": None}, "population_year"),
        ({"region_slug": "atlantis"}, "region_slug"),
        ({"region_slug": "europe\x00"}, "region_slug"),
        ({"country": "XX"}, "country"),
        ({"slug": "not a slug"}, "slug"),
        ({"grp_amount": "100.00"}, "grp_currency"),
        ({"website": "not-a-url"}, "website"),
    ],
)
def test_an_invalid_member_is_refused_naming_the_field(
    writer, europe, overrides, field
):
    response = writer.post(list_url("membercity"), new_city(**overrides))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert field in response.json()["errors"]
    assert not MemberCity.objects.filter(slug__in=["montevideo", "not a slug"]).exists()


@pytest.mark.parametrize(
    ("build", "basename", "field"),
    [
        (factories.BoardMandateFactory, "boardmandate", "member_slug"),
        (factories.RegionalSecretariatFactory, "regionalsecretariat", "member_slug"),
        (factories.RegionalSecretariatFactory, "regionalsecretariat", "region_slug"),
        (factories.PersonFactory, "person", "organisation_slug"),
    ],
)
def test_a_nul_in_a_slug_is_refused_and_changes_nothing(
    writer, member, build, basename, field
):
    """PostgreSQL cannot even look up a NUL: still a 400 naming the field."""
    obj = build()
    before = model_to_dict(obj)

    response = writer.patch(
        reverse(f"api:{basename}-detail", args=[obj.pk]), {field: f"{member.slug}\x00"}
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == [field]
    obj.refresh_from_db()
    assert model_to_dict(obj) == before


def test_a_member_slug_is_unique(writer, europe, berlin):
    response = writer.post(list_url("membercity"), new_city(slug="berlin"))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == ["slug"]
    assert MemberCity.objects.filter(slug="berlin").count() == 1


def test_a_region_with_members_cannot_be_deleted(writer, berlin, europe):
    response = writer.delete(reverse("api:region-detail", args=["europe"]))

    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json()["code"] == "conflict"
    assert Region.objects.filter(slug="europe").exists()


def test_a_database_rule_broken_past_validation_is_400_not_500(
    writer, member, monkeypatch
):
    """If two writes race past full_clean(), the constraint still answers 400."""
    monkeypatch.setattr(BoardMandate, "full_clean", lambda self, *a, **kw: None)

    response = writer.post(
        list_url("boardmandate"),
        {
            "member_slug": member.slug,
            "role": "treasurer",
            "start_date": "2024-01-01",
            "end_date": "2023-01-01",
        },
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == ["end_date"]
    assert not BoardMandate.objects.exists()
