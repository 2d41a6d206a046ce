"""CSRF: every form and every session-authenticated API write is refused with
403 without the token, and goes through with it."""

import json
from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from metropolis.api.urls import router
from tests.hostile.form_pages import FORM_PAGES, main_form, open_form

pytestmark = pytest.mark.django_db

TOKEN_FIELD = "csrfmiddlewaretoken"


def forger(client) -> Client:
    """A client that checks CSRF, with `client`'s cookies (session, token)."""
    checking = Client(enforce_csrf_checks=True)
    checking.cookies = client.cookies
    return checking


def test_every_form_page_is_checked():
    assert {"login", "password-reset", "portal-profile"} <= set(FORM_PAGES)
    assert any(name.startswith("admin-") for name in FORM_PAGES)


@pytest.mark.parametrize("name", FORM_PAGES)
def test_forms_refuse_a_post_without_the_csrf_token(client, world, name):
    page, extra, _target = open_form(client, world, name)
    data = main_form(page)
    assert data.pop(TOKEN_FIELD), "the form carries no CSRF token"

    response = forger(client).post(page.wsgi_request.path, {**data, **extra})

    assert response.status_code == HTTPStatus.FORBIDDEN
    # The site's CSRF failure page (templates/403_csrf.html).
    assert "The form has expired" in response.content.decode()


@pytest.mark.parametrize(
    "name", ["login", "portal-profile", "admin-membercity-change", "admin-region-add"]
)
def test_forms_accept_a_post_with_the_csrf_token(client, world, name):
    page, extra, _target = open_form(client, world, name)

    response = forger(client).post(page.wsgi_request.path, {**main_form(page), **extra})

    assert response.status_code != HTTPStatus.FORBIDDEN


def test_logging_out_needs_the_token(client, world):
    client.force_login(world.liaison)

    response = forger(client).post(reverse("logout"))

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert client.get(reverse("portal:dashboard")).status_code == HTTPStatus.OK


def api_writes():
    """(basename, method, detail) of every write the router offers."""
    for _prefix, viewset, basename in router.registry:
        yield pytest.param(basename, "post", False, viewset, id=f"{basename}-post")
        for method in ("put", "patch", "delete"):
            yield pytest.param(
                basename, method, True, viewset, id=f"{basename}-{method}"
            )
    yield pytest.param("alliance", "post", "extend", None, id="alliance-extend")


@pytest.mark.parametrize(
    ("basename", "method", "detail", "viewset"), list(api_writes())
)
@pytest.mark.parametrize("persona", ["editor", "liaison"])
def test_session_api_writes_refuse_a_request_without_the_token(
    client, world, persona, basename, method, detail, viewset
):
    client.force_login(getattr(world, persona))
    if detail == "extend":
        url = reverse("api:alliance-extend", args=[world.alliance.slug])
    elif detail:
        obj = viewset.queryset.model._default_manager.order_by("pk").last()
        url = reverse(
            f"api:{basename}-detail", args=[getattr(obj, viewset.lookup_field)]
        )
    else:
        url = reverse(f"api:{basename}-list")

    response = getattr(forger(client), method)(
        url, json.dumps({"summary": "Forged."}), content_type="application/json"
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "CSRF" in response.json()["detail"]


def test_a_session_api_write_with_the_token_goes_through(client, world):
    client.force_login(world.editor)
    checking = forger(client)
    token = checking.get(reverse("portal:dashboard")).cookies.get("csrftoken")
    token = token.value if token else "a" * 32
    checking.cookies["csrftoken"] = token

    response = checking.patch(
        reverse("api:membercity-detail", args=[world.member.slug]),
        json.dumps({"summary": "Genuine."}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )

    assert response.status_code == HTTPStatus.OK
    world.member.refresh_from_db()
    assert world.member.summary == "Genuine."
