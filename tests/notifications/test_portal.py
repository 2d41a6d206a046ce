"""The liaison's e-mail preferences in the portal."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from notifications.models import Preference

pytestmark = pytest.mark.django_db

URL = reverse("portal:notifications")


def test_linked_from_the_portal_home(liaison_client):
    response = liaison_client.get(reverse("portal:dashboard"))
    assert URL in response.content.decode()


def test_defaults_shown_and_nothing_written(liaison_client):
    response = liaison_client.get(URL)
    assert response.status_code == HTTPStatus.OK
    form = response.context["form"]
    assert form["non_statutory"].value() is True
    assert form["language"].value() == "en"
    assert not Preference.objects.exists()


def test_liaison_opts_out_and_picks_a_language(liaison_client, liaison):
    response = liaison_client.post(URL, {"language": "fr"}, follow=True)
    assert "Your e-mail preferences were saved." in response.content.decode()
    preference = Preference.objects.get(user=liaison)
    assert preference.non_statutory is False
    assert preference.language == "fr"
    liaison_client.post(URL, {"non_statutory": "on", "language": "es"})
    preference.refresh_from_db()
    assert (preference.non_statutory, preference.language) == (True, "es")
    assert Preference.objects.count() == 1


@pytest.mark.parametrize(
    "language",
    ["xx", "", "fr\x00", "<script>alert(1)</script>", "e" * 5000, "EN"],
)
def test_hostile_language_is_refused_naming_the_field(liaison_client, language):
    response = liaison_client.post(URL, {"non_statutory": "on", "language": language})
    assert response.status_code == HTTPStatus.OK
    assert "language" in response.context["form"].errors
    assert "Nothing was saved" in response.content.decode()
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert not Preference.objects.exists()


def test_a_user_field_in_the_post_changes_nobody_else(
    liaison_client, liaison, other_liaison
):
    liaison_client.post(URL, {"language": "es", "user": other_liaison.pk})
    assert list(Preference.objects.values_list("user", flat=True)) == [liaison.pk]


@pytest.mark.parametrize("value", ["false", "0", "off", "\x00", "x" * 10000])
def test_odd_checkbox_values_do_not_break_the_form(liaison_client, value):
    response = liaison_client.post(URL, {"non_statutory": value, "language": "en"})
    assert response.status_code == HTTPStatus.FOUND
    assert Preference.objects.get().language == "en"


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == HTTPStatus.FOUND
    assert reverse("login") in response["Location"]


def test_editor_who_is_no_liaison_is_refused(editor_client):
    assert editor_client.get(URL).status_code == HTTPStatus.FORBIDDEN
    assert (
        editor_client.post(URL, {"language": "fr"}).status_code == HTTPStatus.FORBIDDEN
    )
    assert not Preference.objects.exists()
