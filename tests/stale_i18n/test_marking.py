"""Translations older than their source, as the services record them: the
edge cases of issue 15, item 4."""

import pytest

from core.models import TranslationSource
from core.translations import MISSING, STALE, mark_reviewed, statuses
from members.services import member_save
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    """A city whose summary has a French translation written with it."""
    return member_save(
        member=factories.MemberCityFactory.build(
            name="Dakar",
            slug="dakar",
            country="SN",
            region=factories.RegionFactory(),
            summary_en="A port city.",
            summary_fr="Une ville portuaire.",
            description_en="",
        )
    )


def edit(city, **texts):
    for column, text in texts.items():
        setattr(city, column, text)
    return member_save(member=city)


def test_a_translation_written_with_its_source_is_current(city):
    assert ("summary", "fr") not in statuses(city)


def test_source_edited_after_the_translation_makes_it_stale(city):
    edit(city, summary_en="A port city on the Atlantic.")

    status, since = statuses(city)["summary", "fr"]
    assert status == STALE
    assert since is not None


def test_translation_edited_after_the_source_is_current_again(city):
    edit(city, summary_en="A port city on the Atlantic.")
    edit(city, summary_fr="Une ville portuaire sur l'Atlantique.")

    assert ("summary", "fr") not in statuses(city)


def test_source_and_translation_edited_in_one_save_stay_current(city):
    edit(city, summary_en="A capital.", summary_fr="Une capitale.")

    assert ("summary", "fr") not in statuses(city)


def test_source_edited_back_to_the_translated_text_is_current(city):
    edit(city, summary_en="A port city on the Atlantic.")
    edit(city, summary_en="A port city.")

    assert ("summary", "fr") not in statuses(city)


def test_a_removed_translation_is_missing_not_stale(city):
    edit(city, summary_en="A port city on the Atlantic.")
    edit(city, summary_fr="")

    assert statuses(city)["summary", "fr"] == (MISSING, None)
    assert not TranslationSource.objects.filter(language="fr").exists()


def test_a_language_with_nothing_is_missing_where_english_has_a_text(city):
    found = statuses(city)

    assert found["summary", "es"] == (MISSING, None)
    # An empty English description has nothing to translate.
    assert ("description", "es") not in found
    assert ("description", "fr") not in found


def test_marking_reviewed_makes_a_stale_translation_current(city, editor):
    edit(city, summary_en="A port city on the Atlantic.")

    count = mark_reviewed([city], language="fr", by=editor)

    assert count == 1
    assert ("summary", "fr") not in statuses(city)
    record = TranslationSource.objects.get(field="summary", language="fr")
    assert record.reviewed_by == editor
    # The history keeps the stale state and the review.
    assert [row.stale_since is None for row in record.history.order_by("pk")] == [
        True,
        False,
        True,
    ]


def test_a_translation_older_than_the_tracking_is_stale_once_english_changes(
    member,
):
    # Saved without the services (the demo, an old row): no record yet.
    member.summary_en = "Guangzhou."
    member.summary_fr = "Canton."
    member.save()

    edit(member, summary_en="Guangzhou, in Guangdong.")

    assert statuses(member)["summary", "fr"][0] == STALE
