"""Fixtures of the permission matrix: act_as(persona)."""

import pytest

from tests.api_utils import PERSONA_USERS, READ_KEY, WRITE_KEY


@pytest.fixture
def act_as(request, api_as, key_owner):
    """act_as(persona) -> (API client, the user the change history should name):
    the key's owner for a key, the logged-in user, or None."""

    def client_for(persona):
        client = api_as(persona)
        if persona in PERSONA_USERS:
            return client, request.getfixturevalue(PERSONA_USERS[persona])
        return client, key_owner if persona in (READ_KEY, WRITE_KEY) else None

    return client_for
