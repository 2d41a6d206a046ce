"""The portal and account pages share the site's layout: landmarks, one
heading, a title and a description."""

import re
from http import HTTPStatus

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

# (URL name, whether it takes a proposal's pk)
PORTAL_PAGES = [
    ("portal:dashboard", False),
    ("portal:profile", False),
    ("portal:contacts", False),
    ("portal:proposal-list", False),
    ("portal:proposal-create", False),
    ("portal:proposal-detail", True),
    ("portal:proposal-edit", True),
    ("password_change", False),
    ("password_change_done", False),
]
ACCOUNT_PAGES = ["login", "password_reset", "password_reset_done"]


def assert_site_layout(response):
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert '<a class="skip-link" href="#content">' in html
    assert '<main id="content"' in html
    assert html.count("<h1") == 1
    assert re.search(r"<title>\S.*· Metropolis</title>", html)
    assert re.search(r'<meta name="description" content="[^"\s][^"]*">', html)


@pytest.mark.parametrize(("name", "takes_pk"), PORTAL_PAGES)
def test_portal_pages_have_the_site_layout(liaison_client, returned, name, takes_pk):
    args = [returned.pk] if takes_pk else []

    assert_site_layout(liaison_client.get(reverse(name, args=args)))


@pytest.mark.parametrize("name", ACCOUNT_PAGES)
def test_account_pages_have_the_site_layout(client, name):
    assert_site_layout(client.get(reverse(name)))


def test_account_page_of_a_user_without_city_has_the_site_layout(client, plain_user):
    client.force_login(plain_user)

    assert_site_layout(client.get(reverse("account")))
