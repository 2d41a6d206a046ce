"""Translations written through the API are recorded as the admin's are: an
English title changed alone leaves its French older than its source."""

from http import HTTPStatus

import pytest

from alliances.models import Alliance
from core.translations import STALE, statuses
from tests.alliances.api.test_alliances_write import new_alliance
from tests.alliances.api.utils import ALLIANCES, detail_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated(writer, june_1, member, plan, bickart):
    response = writer.post(
        ALLIANCES,
        new_alliance(contact_id=bickart.pk, title_fr="Alliance avec Montevideo"),
    )
    assert response.status_code == HTTPStatus.CREATED, response.content
    return Alliance.objects.get(slug="montevideo")


def test_a_translation_sent_with_its_source_is_current(translated):
    assert ("title", "fr") not in statuses(translated)


def test_an_english_title_changed_alone_makes_the_french_stale(writer, translated):
    response = writer.patch(detail_url(translated), {"title": "Montevideo alliance"})

    assert response.status_code == HTTPStatus.OK, response.content
    status, since = statuses(translated)["title", "fr"]
    assert status == STALE
    assert since is not None


def test_both_texts_changed_together_stay_current(writer, translated):
    response = writer.patch(
        detail_url(translated),
        {"title": "Montevideo alliance", "title_fr": "L'alliance de Montevideo"},
    )

    assert response.status_code == HTTPStatus.OK, response.content
    assert ("title", "fr") not in statuses(translated)
