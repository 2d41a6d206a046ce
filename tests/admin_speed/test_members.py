"""The member city changelist: country names from django-countries' map,
not from the field's 250 choices rebuilt for every row."""

import pytest

from tests import factories
from tests.admin_utils import admin_url

pytestmark = pytest.mark.django_db

URL = admin_url("members.membercity", "changelist")


def test_the_list_shows_each_city_s_country_by_name(editor_client):
    factories.MemberCityFactory(name="Barcelona", country="ES")
    factories.MemberCityFactory(name="Dakar", country="SN")

    content = editor_client.get(URL).content.decode()

    assert '<td class="field-country_name">Spain</td>' in content
    assert '<td class="field-country_name">Senegal</td>' in content


def test_the_list_sorts_by_country(editor_client):
    factories.MemberCityFactory(name="Dakar", country="SN")
    factories.MemberCityFactory(name="Barcelona", country="ES")

    response = editor_client.get(URL, {"o": "2"})

    assert [city.name for city in response.context["cl"].result_list] == [
        "Barcelona",
        "Dakar",
    ]


def test_the_csv_export_names_the_country(editor_client):
    city = factories.MemberCityFactory(name="Barcelona", country="ES")

    response = editor_client.post(
        URL, {"action": "export_as_csv", "_selected_action": [city.pk]}
    )

    header, row = response.content.decode().splitlines()
    assert header.split(",")[1] == "Country"
    assert row.split(",")[1] == "Spain"
