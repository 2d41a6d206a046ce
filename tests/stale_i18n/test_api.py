"""Translations written through the API by the secretariat are recorded as
the admin's are: an English text changed alone leaves its French older than
its source, on every translated resource without a service of its own."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from core.translations import STALE, statuses
from tests import factories

pytestmark = pytest.mark.django_db

RESOURCES = [
    ("api:category-detail", factories.CategoryFactory, "name"),
    ("api:strategicactionplan-detail", factories.StrategicActionPlanFactory, "title"),
    ("api:newspost-detail", factories.NewsPostFactory, "title"),
]


@pytest.mark.parametrize(("view", "factory", "field"), RESOURCES)
def test_an_english_text_changed_alone_leaves_its_french_stale(
    editor_api, view, factory, field
):
    obj = factory()
    url = reverse(view, args=[obj.slug])
    written = editor_api.patch(
        url, {field: "Urban innovation", f"{field}_fr": "Innovation urbaine"}
    )
    assert written.status_code == HTTPStatus.OK, written.content
    obj.refresh_from_db()
    assert (field, "fr") not in statuses(obj)

    changed = editor_api.patch(url, {field: "Innovation in cities"})

    assert changed.status_code == HTTPStatus.OK, changed.content
    obj.refresh_from_db()
    status, since = statuses(obj)[field, "fr"]
    assert status == STALE
    assert since is not None
