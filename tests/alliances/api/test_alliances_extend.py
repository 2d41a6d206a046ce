"""The alliances API: extending an alliance."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from alliances.models import Alliance, AllianceExtension
from tests import factories
from tests.alliances.api.utils import D, detail_url, errors

pytestmark = pytest.mark.django_db


def extend_url(alliance) -> str:
    return reverse("api:alliance-extend", args=[alliance.slug])


def test_the_secretariat_extends_an_alliance(editor_api, editor, june_1, mou):
    response = editor_api.post(
        extend_url(mou),
        {"new_end_date": "2025-07-14", "agreed_on": "2024-05-20", "note": "A year."},
    )

    assert response.status_code == HTTPStatus.CREATED, response.content
    data = response.json()
    assert data["end_date"] == "2025-07-14"
    assert data["agreed_end_date"] == "2024-07-14"
    assert data["status"] == "active"
    assert data["extensions"][0]["note"] == "A year."
    assert response["ETag"] == editor_api.get(detail_url(mou))["ETag"]
    extension = mou.extensions.get()
    assert extension.new_end_date == D(2025, 7, 14)
    assert extension.history.latest().history_user == editor


def test_a_writer_extends_an_extended_alliance_again(writer, mou):
    factories.AllianceExtensionFactory(alliance=mou, new_end_date=D(2025, 7, 14))

    response = writer.post(
        extend_url(mou), {"new_end_date": "2026-07-14", "agreed_on": "2025-06-01"}
    )

    assert response.status_code == HTTPStatus.CREATED, response.content
    assert response.json()["end_date"] == "2026-07-14"
    assert mou.extensions.count() == 2


@pytest.mark.parametrize("new_end", ["2024-07-14", "2024-01-01"])
def test_an_extension_must_end_after_the_current_end(writer, mou, new_end):
    response = writer.post(
        extend_url(mou), {"new_end_date": new_end, "agreed_on": "2024-05-20"}
    )

    assert "2024-07-14" in errors(response)["new_end_date"][0]
    assert not AllianceExtension.objects.exists()


def test_an_extension_needs_its_dates(writer, mou):
    response = writer.post(extend_url(mou), {"new_end_date": "2025-07-14"})

    assert "agreed_on" in errors(response)
    assert not AllianceExtension.objects.exists()


def test_a_draft_cannot_be_extended(writer, draft):
    response = writer.post(
        extend_url(draft), {"new_end_date": "2025-07-14", "agreed_on": "2024-05-20"}
    )

    assert "new_end_date" in errors(response)


def test_an_extension_with_a_stale_etag_is_refused(writer, mou):
    etag = writer.get(detail_url(mou))["ETag"]
    Alliance.objects.filter(pk=mou.pk).update(summary="Changed meanwhile.")

    response = writer.post(
        extend_url(mou),
        {"new_end_date": "2025-07-14", "agreed_on": "2024-05-20"},
        HTTP_IF_MATCH=etag,
    )

    assert response.status_code == HTTPStatus.PRECONDITION_FAILED
    assert not AllianceExtension.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", HTTPStatus.UNAUTHORIZED),
        ("read_key", HTTPStatus.FORBIDDEN),
        ("liaison", HTTPStatus.FORBIDDEN),
        ("other_liaison", HTTPStatus.FORBIDDEN),
    ],
)
def test_only_the_secretariat_extends(client_as, mou, persona, status):
    response = client_as(persona).post(
        extend_url(mou), {"new_end_date": "2025-07-14", "agreed_on": "2024-05-20"}
    )

    assert response.status_code == status
    assert not AllianceExtension.objects.exists()
