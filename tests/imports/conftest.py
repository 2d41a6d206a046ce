import pytest

from tests import factories


@pytest.fixture
def region():
    return factories.RegionFactory(code="EU", name="Europe", slug="europe")


@pytest.fixture
def admin_client(client, editor):
    """The Secretariat editor in the admin: may add, change and view members."""
    client.force_login(editor)
    return client
