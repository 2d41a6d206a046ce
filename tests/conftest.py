"""Shared fixtures: the personas of DESIGN.md, built from tests/factories.py."""

import pytest
from rest_framework.test import APIClient

from partners.models import PartnerKey
from tests import factories
from tests.api_utils import PERSONA_USERS, READ_KEY, WRITE_KEY, key_client


@pytest.fixture
def member():
    return factories.MemberCityFactory(name="Guangzhou", slug="guangzhou", country="CN")


@pytest.fixture
def other_member():
    return factories.MemberCityFactory(name="Dakar", slug="dakar", country="SN")


@pytest.fixture
def editor():
    """Secretariat editor: staff in the Secretariat group."""
    return factories.EditorFactory(username="editor")


@pytest.fixture
def superuser():
    return factories.UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def liaison(member):
    """A user linked to `member` as its liaison."""
    return factories.LiaisonFactory(user__username="liaison", member=member).user


@pytest.fixture
def other_liaison(other_member):
    """A liaison of another city."""
    return factories.LiaisonFactory(
        user__username="other-liaison", member=other_member
    ).user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def liaison_client(client, liaison):
    """The site's test client logged in as Guangzhou's liaison."""
    client.force_login(liaison)
    return client


def _api_client_for(user):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_login(user)
    return client


@pytest.fixture
def editor_api(editor):
    """An API client logged in as the Secretariat editor."""
    return _api_client_for(editor)


@pytest.fixture
def liaison_api(liaison):
    """An API client logged in as Guangzhou's liaison."""
    return _api_client_for(liaison)


@pytest.fixture
def client_as(key_owner, liaison, other_liaison, editor):
    """An API client for a persona: anonymous, read_key, write_key, liaison (of
    Guangzhou), other_liaison (of Dakar) or editor."""
    from rest_framework.test import APIClient

    from partners.models import PartnerKey

    def make(persona: str) -> APIClient:
        if persona == "read_key":
            return key_client(key_owner, PartnerKey.Scope.READ)
        if persona == "write_key":
            return key_client(key_owner, PartnerKey.Scope.WRITE)
        users = {"liaison": liaison, "other_liaison": other_liaison, "editor": editor}
        return _api_client_for(users[persona]) if persona in users else APIClient()

    return make


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters, API pages (and any cached value) never leak
    between tests."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A request to /fr/… or /es/… activates its language in the test's thread
    (LocaleMiddleware leaves it active): the next test starts in English."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture
def api():
    """An API client with no credentials (an anonymous caller)."""
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def key_owner():
    """The person answerable for the partner keys tests create."""
    return factories.UserFactory(username="partner-owner")


@pytest.fixture
def writer(key_owner):
    """A partner system with a `write` key."""
    return key_client(key_owner, "write")


@pytest.fixture
def fresh_content_types():
    """A flush makes content types anew, with new ids, which the test's rollback
    undoes: the next test must not find the new ids in the cache (see
    tests/backup_utils.py)."""
    from django.contrib.contenttypes.models import ContentType

    yield
    ContentType.objects.clear_cache()


@pytest.fixture
def api_as(request, key_owner):
    """api_as(persona) -> an API client acting as that persona (tests/api_utils.py):
    a new partner key of that scope, a logged-in liaison or editor, or nobody."""

    def client_for(persona):
        client = APIClient()
        if persona in (READ_KEY, WRITE_KEY):
            scope = PartnerKey.Scope.WRITE if persona == WRITE_KEY else "read"
            _, key = PartnerKey.objects.create_key(
                name=persona, owner=key_owner, scope=scope
            )
            client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
        elif persona in PERSONA_USERS:
            client.force_login(request.getfixturevalue(PERSONA_USERS[persona]))
        return client

    return client_for
