"""Helpers for tests that call the REST API."""

from rest_framework.test import APIClient

from partners.models import PartnerKey


def key_client(owner, scope: str):
    """An API client sending a new partner key of `scope` owned by `owner`."""
    _, key = PartnerKey.objects.create_key(name="CRM", owner=owner, scope=scope)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    return client


# The personas of DESIGN.md as API callers (see the api_as fixture).
ANONYMOUS = "anonymous"
READ_KEY = "read_key"
WRITE_KEY = "write_key"
OWN_LIAISON = "own_liaison"  # liaison of the object's city
OTHER_LIAISON = "other_liaison"
EDITOR = "editor"
PERSONAS = [ANONYMOUS, READ_KEY, WRITE_KEY, OWN_LIAISON, OTHER_LIAISON, EDITOR]
# The fixture that gives the user a logged-in persona is.
PERSONA_USERS = {
    OWN_LIAISON: "liaison",
    OTHER_LIAISON: "other_liaison",
    EDITOR: "editor",
}
