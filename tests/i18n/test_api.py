"""The API answers in the language of Accept-Language, says which, and keeps
each language's representation apart in its ETags and its cache."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework.fields import Field
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def required(language: str) -> str:
    """DRF's "This field is required." as the catalogues give it (DRF ships
    its French and Spanish): never the English one outside English."""
    with translation.override(language):
        message = str(Field.default_error_messages["required"])
    assert (message == "This field is required.") == (language == "en")
    return message


@pytest.fixture
def editor_api(editor):
    client = APIClient()
    client.force_login(editor)
    return client


def vary(response) -> set[str]:
    return {part.strip().lower() for part in response.get("Vary", "").split(",")}


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_a_validation_error_is_in_the_language_asked_for(editor_api, language):
    response = editor_api.post(
        reverse("api:category-list"), {}, format="json", HTTP_ACCEPT_LANGUAGE=language
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["errors"]["name"] == [required(language)]
    assert response["Content-Language"] == language
    assert "accept-language" in vary(response)


def test_the_best_supported_language_of_the_header_wins(api, member):
    response = api.get(
        reverse("api:membercity-list"),
        HTTP_ACCEPT_LANGUAGE="de-DE, es-MX;q=0.8, fr;q=0.5",
    )

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Language"] == "es"
    assert "accept-language" in vary(response)


def test_without_a_header_or_with_an_unknown_one_the_api_is_in_english(api, member):
    url = reverse("api:membercity-list")

    assert api.get(url)["Content-Language"] == "en"
    assert api.get(url, HTTP_ACCEPT_LANGUAGE="de, *;q=0.1")["Content-Language"] == "en"


def test_the_language_cookie_does_not_change_the_api(api, member):
    """One URL and one Accept-Language give one answer: the site's cookie does
    not count."""
    api.cookies["django_language"] = "fr"

    response = api.get(reverse("api:membercity-list"), HTTP_ACCEPT_LANGUAGE="es")

    assert response["Content-Language"] == "es"


def test_a_list_has_an_etag_per_language(api, member):
    url = reverse("api:membercity-list")
    english = api.get(url, HTTP_ACCEPT_LANGUAGE="en")
    french = api.get(url, HTTP_ACCEPT_LANGUAGE="fr")

    assert english["ETag"] != french["ETag"]
    again = api.get(url, HTTP_ACCEPT_LANGUAGE="fr", HTTP_IF_NONE_MATCH=english["ETag"])
    assert again.status_code == HTTPStatus.OK
    assert again["Content-Language"] == "fr"
    same = api.get(url, HTTP_ACCEPT_LANGUAGE="fr", HTTP_IF_NONE_MATCH=french["ETag"])
    assert same.status_code == HTTPStatus.NOT_MODIFIED


def test_a_cached_list_is_not_served_in_another_language(editor_api, member):
    """The second French request is the cache's (the same ETag); the English
    one is not served the French entry."""
    url = reverse("api:membercity-list")
    french = editor_api.get(url, HTTP_ACCEPT_LANGUAGE="fr")
    french_again = editor_api.get(url, HTTP_ACCEPT_LANGUAGE="fr")
    english = editor_api.get(url, HTTP_ACCEPT_LANGUAGE="en")

    assert french_again["ETag"] == french["ETag"]
    assert english["ETag"] != french["ETag"]
    assert english["Content-Language"] == "en"


def test_an_object_has_an_etag_per_language(api, member):
    url = reverse("api:membercity-detail", kwargs={"slug": member.slug})
    english = api.get(url, HTTP_ACCEPT_LANGUAGE="en")

    french = api.get(url, HTTP_ACCEPT_LANGUAGE="fr", HTTP_IF_NONE_MATCH=english["ETag"])

    assert french.status_code == HTTPStatus.OK
    assert french["ETag"] != english["ETag"]


def test_a_write_with_the_etag_read_in_another_language_is_accepted(editor_api, member):
    """A tag read in English names the same state for a write in French."""
    url = reverse("api:membercity-detail", kwargs={"slug": member.slug})
    english = editor_api.get(url, HTTP_ACCEPT_LANGUAGE="en")

    response = editor_api.patch(
        url,
        {"population": 18_000_000},
        format="json",
        HTTP_ACCEPT_LANGUAGE="fr",
        HTTP_IF_MATCH=english["ETag"],
    )

    assert response.status_code == HTTPStatus.OK
    member.refresh_from_db()
    assert member.population == 18_000_000


@pytest.mark.parametrize(
    "header",
    ["x" * 5000, "fr;q=abc", ";;,,", "fr-" + "a" * 300, "\u202efr", "*"],
)
def test_a_malformed_header_is_english_not_an_error(api, member, header):
    response = api.get(reverse("api:membercity-list"), HTTP_ACCEPT_LANGUAGE=header)

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Language"] == "en"
