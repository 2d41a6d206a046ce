"""Log in, log out, passwords, and the lockout after repeated failures."""

import re
from http import HTTPStatus

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
LOCKED = "Too many failed attempts"


def log_in(client, username, password=PASSWORD, url=LOGIN, **extra):
    return client.post(url, {"username": username, "password": password}, **extra)


def logged_in(client) -> bool:
    return SESSION_KEY in client.session


# Logging in and out


def test_login_page_has_labelled_fields_and_a_reset_link(client):
    response = client.get(LOGIN)

    html = response.content.decode()
    assert '<label for="id_username">' in html
    assert '<label for="id_password">' in html
    assert f'href="{reverse("password_reset")}"' in html


def test_liaison_lands_on_the_portal_after_login(client, liaison):
    response = log_in(client, "liaison", follow=True)

    assert response.redirect_chain[-1][0] == reverse("portal:dashboard")
    assert "Portal of Guangzhou" in response.content.decode()


def test_editor_lands_in_the_admin_after_login(client, editor):
    response = log_in(client, "editor", follow=True)

    assert response.redirect_chain[-1][0] == reverse("admin:index")


def test_user_linked_to_no_city_is_told_so_after_login(client, plain_user):
    response = log_in(client, "plain", follow=True)

    assert response.redirect_chain[-1][0] == reverse("account")
    assert "not linked to a member city" in response.content.decode()


def test_login_follows_next(client, liaison):
    contacts = reverse("portal:contacts")

    response = client.post(
        LOGIN, {"username": "liaison", "password": PASSWORD, "next": contacts}
    )

    assert response.url == contacts


def test_wrong_password_is_refused_with_a_message(client, liaison):
    response = log_in(client, "liaison", "wrong")

    assert response.status_code == HTTPStatus.OK
    assert "Please enter a correct username and password" in (response.content.decode())
    assert not logged_in(client)


def test_navigation_offers_log_in_to_visitors(client):
    html = client.get(reverse("home")).content.decode()

    assert f'<a href="{LOGIN}">Log in</a>' in html
    assert "Log out" not in html


def test_navigation_offers_the_portal_and_log_out_once_logged_in(
    liaison_client,
):
    html = liaison_client.get(reverse("home")).content.decode()

    assert f'<a href="{reverse("account")}">Portal</a>' in html
    assert f'action="{reverse("logout")}"' in html
    assert ">Log in<" not in html


def test_logout_is_a_post(liaison_client):
    response = liaison_client.post(reverse("logout"))

    assert response.status_code == HTTPStatus.OK
    assert "You have logged out" in response.content.decode()
    assert not logged_in(liaison_client)


def test_logout_link_followed_by_get_does_not_log_out(liaison_client):
    response = liaison_client.get(reverse("logout"))

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert logged_in(liaison_client)


# Passwords


def test_password_change_needs_a_login(client):
    response = client.get(reverse("password_change"))

    assert response.url.startswith(LOGIN)


def test_liaison_changes_its_password(liaison_client, liaison):
    response = liaison_client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-new-Pearl-River-password",
            "new_password2": "a-new-Pearl-River-password",
        },
        follow=True,
    )

    assert "Password changed" in response.content.decode()
    liaison.refresh_from_db()
    assert liaison.check_password("a-new-Pearl-River-password")
    assert logged_in(liaison_client)


def test_password_change_with_a_wrong_old_password_is_refused(liaison_client, liaison):
    response = liaison_client.post(
        reverse("password_change"),
        {
            "old_password": "wrong",
            "new_password1": "a-new-Pearl-River-password",
            "new_password2": "a-new-Pearl-River-password",
        },
    )

    assert list(response.context["form"].errors) == ["old_password"]
    liaison.refresh_from_db()
    assert liaison.check_password(PASSWORD)


def request_reset(client, email):
    return client.post(reverse("password_reset"), {"email": email}, follow=True)


def test_password_reset_mails_a_link_to_a_known_address(client, liaison):
    response = request_reset(client, "liaison@example.org")

    assert "Check your e-mail" in response.content.decode()
    [message] = mail.outbox
    assert message.to == ["liaison@example.org"]
    assert "reset your password" in message.subject
    assert re.search(r"http://testserver/accounts/reset/\S+/\S+/", message.body)


def test_password_reset_shows_the_same_page_for_an_unknown_address(client, liaison):
    known = request_reset(client, "liaison@example.org")
    unknown = request_reset(client, "nobody@example.org")

    assert unknown.redirect_chain == known.redirect_chain
    assert unknown.content == known.content
    assert len(mail.outbox) == 1


def test_password_reset_link_sets_a_new_password(client, liaison):
    request_reset(client, "liaison@example.org")
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)

    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {
            "new_password1": "a-new-Pearl-River-password",
            "new_password2": "a-new-Pearl-River-password",
        },
        follow=True,
    )

    assert "Your new password is set" in response.content.decode()
    liaison.refresh_from_db()
    assert liaison.check_password("a-new-Pearl-River-password")


def test_invalid_reset_link_is_refused(client, liaison):
    response = client.get(
        reverse("password_reset_confirm", args=["MQ", "bad-token"]), follow=True
    )

    assert "This link does not work" in response.content.decode()


# Lockout


def fail(client, username, times, url=LOGIN):
    for _ in range(times):
        response = log_in(client, username, "wrong", url=url)
    return response


def test_fifth_failure_locks_the_login_out_with_a_message(client, liaison):
    assert fail(client, "liaison", 4).status_code == HTTPStatus.OK

    response = fail(client, "liaison", 1)

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    html = response.content.decode()
    assert LOCKED in html
    assert "Please try again in 15 minutes." in html


def test_locked_out_login_is_refused_even_with_the_right_password(client, liaison):
    fail(client, "liaison", 5)

    response = log_in(client, "liaison")

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert not logged_in(client)


def test_lockout_is_for_that_user_name_only(client, liaison, other_liaison):
    fail(client, "liaison", 5)

    response = log_in(client, "other-liaison")

    assert response.status_code == HTTPStatus.FOUND
    assert logged_in(client)


def test_a_successful_login_starts_the_count_again(client, liaison):
    fail(client, "liaison", 4)
    log_in(client, "liaison")
    client.logout()

    response = fail(client, "liaison", 4)

    assert response.status_code == HTTPStatus.OK


def test_admin_login_locks_out_too(client, editor):
    admin_login = reverse("admin:login")

    response = fail(client, "editor", 5, url=admin_login)

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert LOCKED in response.content.decode()
    assert log_in(client, "editor", url=admin_login).status_code == (
        HTTPStatus.TOO_MANY_REQUESTS
    )
    assert not logged_in(client)


def test_failures_on_both_login_pages_add_up(client, editor):
    fail(client, "editor", 3, url=reverse("admin:login"))

    response = fail(client, "editor", 2)

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_unknown_user_name_is_locked_out_like_a_known_one(client):
    # Otherwise the lockout would tell which user names exist.
    response = fail(client, "nobody", 5)

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_password_reset_is_offered_to_a_locked_out_user(client, liaison):
    response = fail(client, "liaison", 5)

    assert f'href="{reverse("password_reset")}"' in response.content.decode()
