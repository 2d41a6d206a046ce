"""Fixtures of the permission matrix: act_as(persona)."""

import pytest
from rest_framework.test import APIClient

from partners.models import PartnerKey
from tests.metropolis.permissions.utils import (
    ANONYMOUS,
    EDITOR,
    OTHER_LIAISON,
    OWN_LIAISON,
    READ_KEY,
    WRITE_KEY,
)


@pytest.fixture
def act_as(request, key_owner):
    """act_as(persona) -> (API client, the user the change history should name)."""

    def client_for(persona):
        client = APIClient()
        if persona in (READ_KEY, WRITE_KEY):
            scope = PartnerKey.Scope.WRITE if persona == WRITE_KEY else "read"
            _, key = PartnerKey.objects.create_key(
                name=persona, owner=key_owner, scope=scope
            )
            client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
            return client, key_owner
        user = {
            ANONYMOUS: lambda: None,
            OWN_LIAISON: lambda: request.getfixturevalue("liaison"),
            OTHER_LIAISON: lambda: request.getfixturevalue("other_liaison"),
            EDITOR: lambda: request.getfixturevalue("editor"),
        }[persona]()
        if user is not None:
            client.force_login(user)
        return client, user

    return client_for
