import pytest

from tests import factories


@pytest.fixture
def translated_post(member):
    """A public post in three languages, about a city whose summary exists in
    English only, and an alliance titled in English and Spanish."""
    category = factories.CategoryFactory(
        name="Urban innovation", name_fr="Innovation urbaine", slug="urban"
    )
    alliance = factories.AllianceFactory(title="Water pact", title_es="Pacto del agua")
    post = factories.NewsPostFactory(
        title="Guangzhou signs",
        title_fr="Guangzhou signe",
        title_es="Guangzhou firma",
        summary="A pact.",
        summary_fr="Un protocole d'accord.",
        body="Signed in *July*.",
        body_fr="Signé en *juillet*.",
        category=category,
        slug="guangzhou-signs",
    )
    post.related_members.set([member])
    post.related_alliances.set([alliance])
    return post


@pytest.fixture
def category():
    return factories.CategoryFactory(name="Events", slug="events")
