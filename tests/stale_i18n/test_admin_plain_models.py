"""Categories and strategic plans, written in the admin without a service of
their own, record their translations' sources too."""

from http import HTTPStatus

import pytest

from core.models import TranslationSource
from core.translations import STALE, statuses
from tests import factories
from tests.admin_utils import admin_url, changeform_data

pytestmark = pytest.mark.django_db


def edit(client, model, obj, **changes):
    url = admin_url(model, "change", obj.pk)
    data = changeform_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == HTTPStatus.FOUND
    obj.refresh_from_db()
    return obj


@pytest.mark.parametrize(
    ("model", "factory", "field"),
    [
        ("news.category", factories.CategoryFactory, "name"),
        (
            "alliances.strategicactionplan",
            factories.StrategicActionPlanFactory,
            "title",
        ),
    ],
)
def test_an_english_text_changed_alone_leaves_its_french_stale(
    editor_client, model, factory, field
):
    obj = edit(
        editor_client,
        model,
        factory(),
        **{field: "Urban innovation", f"{field}_fr": "Innovation urbaine"},
    )
    assert (field, "fr") not in statuses(obj)

    obj = edit(editor_client, model, obj, **{field: "Innovation in cities"})

    status, since = statuses(obj)[field, "fr"]
    assert status == STALE
    assert since is not None
    response = editor_client.get(admin_url(model, "change", obj.pk))
    assert "French: older than the English text since" in response.content.decode()


@pytest.mark.parametrize(
    ("model", "factory", "field"),
    [
        ("news.category", factories.CategoryFactory, "name"),
        (
            "alliances.strategicactionplan",
            factories.StrategicActionPlanFactory,
            "title",
        ),
    ],
)
def test_the_record_of_a_translation_names_the_editor_who_wrote_it(
    editor_client, editor, model, factory, field
):
    obj = edit(
        editor_client,
        model,
        factory(),
        **{field: "Urban innovation", f"{field}_es": "Innovación urbana"},
    )

    record = TranslationSource.objects.get(object_id=obj.pk, language="es")
    assert record.history.latest().history_user == editor
