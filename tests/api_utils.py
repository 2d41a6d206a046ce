"""Helpers for tests that call the REST API."""

from rest_framework.test import APIClient

from partners.models import PartnerKey


def key_client(owner, scope: str):
    """An API client sending a new partner key of `scope` owned by `owner`."""
    _, key = PartnerKey.objects.create_key(name="CRM", owner=owner, scope=scope)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    return client
