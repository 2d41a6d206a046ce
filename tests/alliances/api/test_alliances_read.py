"""The alliances API: reading the list and one alliance."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from tests import factories
from tests.alliances.api.utils import ALLIANCES, JUNE_1, D, detail_url, plan_url

pytestmark = pytest.mark.django_db


def test_an_alliance_shows_its_agreement(api, june_1, mou, member, plan, bickart):
    data = api.get(detail_url(mou)).json()

    assert data["title"] == "Alliance with Guangzhou"
    assert data["kind"] == "granting_member"
    assert data["instrument"] == "mou"
    assert data["counterpart"] == "Guangzhou Foreign Affairs Office"
    assert data["signed_on"] == "2021-07-15"
    assert data["signing_format"] == "virtual"
    assert data["start_date"] == "2021-07-15"
    assert data["term_years"] == 3
    assert data["granting_member"]["name"] == "Guangzhou"
    assert data["granting_member"]["url"].endswith(
        reverse("api:membercity-detail", args=["guangzhou"])
    )
    assert data["plan"]["name"] == "Strategic Action Plan 2021–2023"
    assert data["plan"]["url"].endswith(plan_url(plan))
    assert data["contact"]["name"] == "Agnès Charlotte Bickart"
    assert data["signatories"] == [
        {
            "person": {
                "id": mou.signatories.get().person_id,
                "name": "Octavi de la Varga",
                "url": data["signatories"][0]["person"]["url"],
            },
            "side": "association",
        }
    ]
    assert data["url"].endswith(detail_url(mou))


def test_an_alliance_shows_its_end_status_and_days_left(api, june_1, mou):
    data = api.get(detail_url(mou)).json()

    assert data["agreed_end_date"] == "2024-07-14"
    assert data["end_date"] == "2024-07-14"
    assert data["status"] == "expiring"
    assert data["days_remaining"] == 44  # 1 June to 14 July, both counted
    assert data["extensions"] == []


def test_an_extension_moves_the_end_date(api, june_1, mou):
    factories.AllianceExtensionFactory(
        alliance=mou,
        new_end_date=D(2025, 7, 14),
        agreed_on=D(2024, 5, 20),
        note="One more year.",
    )

    data = api.get(detail_url(mou)).json()

    assert data["agreed_end_date"] == "2024-07-14"
    assert data["end_date"] == "2025-07-14"
    assert data["status"] == "active"
    assert data["days_remaining"] == 409
    assert data["extensions"] == [
        {
            "new_end_date": "2025-07-14",
            "agreed_on": "2024-05-20",
            "note": "One more year.",
        }
    ]


def test_an_expired_alliance_has_no_days_remaining(api, on_day, mou):
    on_day(D(2024, 7, 15))

    data = api.get(detail_url(mou)).json()

    assert data["status"] == "expired"
    assert data["days_remaining"] is None


def test_an_alliance_etag_changes_with_the_day(api, on_day, mou):
    on_day(JUNE_1)
    etag = api.get(detail_url(mou))["ETag"]
    assert api.get(detail_url(mou), HTTP_IF_NONE_MATCH=etag).status_code == (
        HTTPStatus.NOT_MODIFIED
    )

    on_day(D(2024, 6, 2))
    response = api.get(detail_url(mou), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == HTTPStatus.OK
    assert response.json()["days_remaining"] == 43


@pytest.mark.parametrize("slug", ["nowhere", "guang%00zhou", "guang zhou"])
def test_an_unknown_alliance_is_404(api, mou, slug):
    response = api.get(f"{ALLIANCES}{slug}/")

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_a_contact_who_is_not_public_is_left_out_for_visitors(api, mou, bickart):
    bickart.is_public = False
    bickart.save()

    assert api.get(detail_url(mou)).json()["contact"] is None


def test_a_contact_who_is_not_public_is_shown_to_partners(client_as, mou, bickart):
    bickart.is_public = False
    bickart.save()

    data = client_as("read_key").get(detail_url(mou)).json()

    assert data["contact"]["name"] == "Agnès Charlotte Bickart"
