"""A person's language: the switcher's choice, remembered for a logged-in
user (notifications.Preference.language), used at login, in the admin and
in their e-mails."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from members.models import MemberCity
from notifications.delivery import render
from notifications.models import Message, Preference
from tests import factories
from tests.dues.utils import make_grid, make_invoice

pytestmark = pytest.mark.django_db


def in_language(language: str, text: str) -> str:
    """`text` as the catalogues give it (Django's admin ships its French and
    Spanish); never the English."""
    with translation.override(language):
        translated = gettext(text)
    assert translated != text
    return translated


def choose(client, language: str, next_url: str):
    return client.post(
        reverse("set_language"), {"language": language, "next": next_url}
    )


def test_a_visitor_s_choice_is_a_cookie_and_the_same_page(client):
    response = choose(client, "fr", "/news/?page=1")

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/fr/news/?page=1"
    assert response.cookies["django_language"].value == "fr"
    assert not Preference.objects.exists()


def test_from_a_french_page_to_the_spanish_one(client):
    response = choose(client, "es", "/fr/members/")

    assert response["Location"] == "/es/members/"


def test_back_to_english_is_the_unprefixed_page(client):
    response = choose(client, "en", "/es/news/")

    assert response["Location"] == "/news/"


def test_a_choice_never_leaves_the_site(client):
    response = choose(client, "fr", "https://evil.example.com/")

    assert response["Location"] == "/fr/"


def test_a_logged_in_person_s_choice_is_saved_as_theirs(client, liaison):
    client.force_login(liaison)

    response = choose(client, "es", "/portal/")

    assert response["Location"] == "/es/portal/"
    assert Preference.objects.get(user=liaison).language == "es"
    # The switcher keeps the other preferences as they were.
    assert Preference.objects.get(user=liaison).non_statutory is True


def test_an_unknown_language_changes_nothing(client, liaison):
    client.force_login(liaison)

    response = choose(client, "de", "/portal/")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "django_language" not in response.cookies
    assert not Preference.objects.filter(user=liaison).exists()


def test_the_switcher_wants_a_post(client):
    response = client.get(reverse("set_language"), {"language": "fr"})

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_login_lands_in_the_person_s_language(client, liaison):
    Preference.objects.create(user=liaison, language="fr")

    response = client.post(
        reverse("login"),
        {"username": liaison.username, "password": factories.PASSWORD},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == "/fr/portal/"
    assert response.status_code == HTTPStatus.OK
    assert '<html lang="fr">' in response.content.decode()


def test_login_to_a_page_asked_for_lands_on_it_in_the_person_s_language(
    client, liaison
):
    Preference.objects.create(user=liaison, language="es")

    response = client.post(
        reverse("login") + "?next=/portal/meetings/",
        {"username": liaison.username, "password": factories.PASSWORD},
    )

    assert response["Location"] == "/es/portal/meetings/"


def test_login_without_a_saved_language_stays_in_the_page_s(client, liaison):
    response = client.post(
        "/fr/accounts/login/",
        {"username": liaison.username, "password": factories.PASSWORD},
    )

    assert response["Location"] == "/fr/accounts/"


def test_the_admin_speaks_the_user_s_language(client, editor):
    Preference.objects.create(user=editor, language="fr")
    client.force_login(editor)

    response = client.get(reverse("admin:index"))

    text = response.content.decode()
    assert '<html lang="fr"' in text
    assert f">{in_language('fr', 'Log out')}</button>" in text
    assert response["Content-Language"] == "fr"


def test_the_admin_follows_a_new_choice_at_once(client, editor):
    client.force_login(editor)
    assert '<html lang="en"' in client.get(reverse("admin:index")).content.decode()

    choose(client, "es", "/")

    text = client.get(reverse("admin:index")).content.decode()
    assert '<html lang="es"' in text
    assert f">{in_language('es', 'Log out')}</button>" in text


def test_without_a_saved_language_the_admin_follows_the_browser(client, editor):
    client.force_login(editor)

    response = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="es")

    assert '<html lang="es"' in response.content.decode()


def test_the_portal_preference_page_changes_the_admin_s_language(client, editor):
    factories.LiaisonFactory(user=editor)
    client.force_login(editor)

    client.post(
        reverse("portal:notifications"), {"non_statutory": "on", "language": "fr"}
    )

    assert Preference.objects.get(user=editor).language == "fr"
    assert '<html lang="fr"' in client.get(reverse("admin:index")).content.decode()


def test_an_e_mail_is_in_the_recipient_s_language_with_links_to_its_pages(
    liaison, member
):
    Preference.objects.create(user=liaison, language="fr")
    invoice = invoice_for(member)

    # Issuing the invoice queued its e-mail to the city's liaison.
    message = Message.objects.get(kind="invoice_issued", recipient_user=liaison)
    email = render(message)

    assert message.language == "fr"
    assert f"/fr/dues/invoices/{invoice.number}/" in email.body
    assert f"/fr/dues/invoices/{invoice.number}/" in email.alternatives[0][0]


def test_without_a_saved_language_an_e_mail_is_in_english(liaison, member):
    invoice = invoice_for(member)

    message = Message.objects.get(kind="invoice_issued", recipient_user=liaison)

    assert message.language == "en"
    assert f"/dues/invoices/{invoice.number}/" in render(message).body
    assert "/fr/" not in render(message).body


def invoice_for(member):
    member.income_band = MemberCity.IncomeBand.HIGH
    member.save()
    make_grid()
    return make_invoice(member)
