"""/open-data/: the page that says what the files hold and their licence."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.publicdata.open_data import FILENAMES, file_url

pytestmark = pytest.mark.django_db

URL = reverse("publicdata:open-data")


def test_the_page_links_every_file_and_the_package(client):
    response = client.get(URL)

    assert response.status_code == HTTPStatus.OK
    for filename in FILENAMES:
        assert f'href="{file_url(filename)}"' in response.content.decode()
    assert reverse("publicdata:open-data-package") in response.content.decode()


def test_the_page_names_the_licence(client):
    response = client.get(URL)

    assert "CC-BY-4.0" in response.content.decode()


def test_the_page_lists_each_files_columns(client):
    response = client.get(URL)

    content = response.content.decode()
    for column in ("<code>slug</code>", "<code>office</code>", "<code>status</code>"):
        assert column in content


def test_every_page_links_the_open_data_page(client):
    response = client.get(reverse("home"))

    assert f'href="{URL}"' in response.content.decode()


def test_the_package_is_json_shown_in_the_browser(client):
    response = client.get(reverse("publicdata:open-data-package"))

    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'inline; filename="datapackage.json"'
