"""Production configuration: `check --deploy` is clean with the three variables
production sets, HTTPS is enforced, and every response carries the security
headers and a Content-Security-Policy that allows no inline script."""

import re
import secrets
import subprocess
import sys
from http import HTTPStatus
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import OperationalError, connection
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "metropolis.settings",
    "DATABASE_URL": "postgres://metropolis@db.example.org:5432/metropolis",
    "DJANGO_ALLOWED_HOSTS": "members.example.org",
}
# The settings, as a production process would read them.
SHOW = (
    "import metropolis.settings as s; "
    "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, "
    "s.CSRF_COOKIE_SECURE, getattr(s, 'SECURE_PROXY_SSL_HEADER', None), "
    "s.CACHES['default']['BACKEND'])"
)
ONE_YEAR = 365 * 24 * 60 * 60
CSP_DIRECTIVES = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
}
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)


def run(args: list[str], **env) -> subprocess.CompletedProcess:
    """`args` in a fresh process with only the production variables (and `env`)."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env={
            **PRODUCTION_ENV,
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            **env,
        },
        capture_output=True,
        text=True,
        check=False,
    )


def check_deploy(**env) -> subprocess.CompletedProcess:
    return run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **env)


def production_settings(**env) -> list[str]:
    result = run(["-c", SHOW], **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def inline_scripts(html: str) -> list[str]:
    """The <script> tags that run inline code (JSON data blocks do not run)."""
    return [
        attrs
        for attrs in SCRIPT_TAG.findall(html)
        if "src=" not in attrs and "application/json" not in attrs
    ]


def csp_directives(response) -> set[str]:
    return {part.strip() for part in response["Content-Security-Policy"].split(";")}


# check --deploy ----------------------------------------------------------------


def test_check_deploy_reports_no_issues_with_the_production_variables():
    result = check_deploy()

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_fails_on_a_warning():
    """The check above would catch a weakened configuration."""
    result = check_deploy(DJANGO_HTTPS="0")

    assert result.returncode != 0
    assert "security.W008" in result.stderr  # no HTTPS redirect


# The switches --------------------------------------------------------------------


def test_https_is_enforced_by_default_with_debug_off():
    assert production_settings() == [
        "True",
        str(ONE_YEAR),
        "True",
        "True",
        "None",
        "django.core.cache.backends.locmem.LocMemCache",
    ]


def test_behind_a_tls_proxy_the_forwarded_protocol_is_trusted():
    shown = production_settings(DJANGO_BEHIND_TLS_PROXY="1")

    assert shown[4:6] == ["('HTTP_X_FORWARDED_PROTO',", "'https')"]


def test_the_redirect_alone_can_be_left_to_the_proxy():
    shown = production_settings(DJANGO_SECURE_SSL_REDIRECT="0")

    assert shown[:4] == ["False", str(ONE_YEAR), "True", "True"]


def test_a_plain_http_run_turns_off_redirect_hsts_and_secure_cookies():
    shown = production_settings(DJANGO_HTTPS="0")

    assert shown[:4] == ["False", "0", "False", "False"]


def test_rate_limits_can_be_shared_through_the_database_cache():
    shown = production_settings(DJANGO_CACHE_BACKEND="database")

    assert shown[-1] == "django.core.cache.backends.db.DatabaseCache"


def test_an_unknown_cache_backend_stops_the_start_naming_the_variable():
    result = run(["-c", SHOW], DJANGO_CACHE_BACKEND="memcached")

    assert result.returncode != 0
    assert "DJANGO_CACHE_BACKEND" in result.stderr


def test_with_the_database_cache_rate_limits_are_counted_in_the_database(
    client, settings
):
    """Every process and app server that shares the database shares the count."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
        }
    }
    settings.API_RATES = {**settings.API_RATES, "anon": "2/min"}
    call_command("createcachetable", verbosity=0)
    url = reverse("api:region-list")

    statuses = [client.get(url).status_code for _ in range(3)]

    assert statuses == [HTTPStatus.OK, HTTPStatus.OK, HTTPStatus.TOO_MANY_REQUESTS]
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_cache")
        assert cursor.fetchone()[0] == 1


# Behaviour -------------------------------------------------------------------------


def test_plain_http_is_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True  # as in production; off in test settings

    response = client.get(reverse("home"))

    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == "https://testserver/"


def test_a_forwarded_https_request_behind_the_proxy_is_not_redirected(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

    response = client.get(reverse("home"), HTTP_X_FORWARDED_PROTO="https")

    assert response.status_code == HTTPStatus.OK
    assert "Strict-Transport-Security" in response


def test_https_responses_carry_hsts_for_a_year_with_subdomains_and_preload(client):
    response = client.get(reverse("home"), secure=True)

    assert response["Strict-Transport-Security"] == (
        f"max-age={ONE_YEAR}; includeSubDomains; preload"
    )


def test_responses_forbid_framing_sniffing_and_cross_site_referrers(client):
    response = client.get(reverse("home"), secure=True)

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_session_cookie_is_secure_and_hidden_from_scripts(client):
    user = factories.UserFactory(username="someone")

    response = client.post(
        reverse("login"),
        {"username": user.username, "password": factories.PASSWORD},
        secure=True,
    )

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True


def test_the_csrf_cookie_is_secure(client):
    response = client.get(reverse("login"), secure=True)

    assert response.cookies[settings.CSRF_COOKIE_NAME]["secure"] is True


# Content-Security-Policy -------------------------------------------------------


@pytest.mark.parametrize(
    "url_name",
    ["home", "members:member-list", "news:post-list", "login", "admin:login"],
)
def test_pages_carry_the_csp_and_run_no_inline_script(client, url_name):
    response = client.get(reverse(url_name), secure=True)

    assert response.status_code == HTTPStatus.OK
    assert csp_directives(response) == CSP_DIRECTIVES
    assert inline_scripts(response.content.decode()) == []


def test_the_admin_carries_the_csp_for_a_logged_in_editor(editor_client):
    response = editor_client.get(reverse("admin:index"), secure=True)

    assert response.status_code == HTTPStatus.OK
    assert csp_directives(response) == CSP_DIRECTIVES
    assert inline_scripts(response.content.decode()) == []


def test_the_api_docs_carry_the_csp_and_load_their_script_from_a_file(client):
    response = client.get(reverse("api:docs"), secure=True)

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert csp_directives(response) == CSP_DIRECTIVES
    assert inline_scripts(html) == []
    assert "<style" not in html
    assert f'src="{reverse("api:docs")}?script="' in html


def test_the_api_docs_script_is_served_as_javascript(client):
    response = client.get(reverse("api:docs"), {"script": ""}, secure=True)

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("application/javascript")
    assert reverse("api:schema") in response.content.decode()


def test_the_browsable_api_runs_no_inline_script(client):
    response = client.get(
        reverse("api:membercity-list"), HTTP_ACCEPT="text/html", secure=True
    )

    assert response.status_code == HTTPStatus.OK
    assert csp_directives(response) == CSP_DIRECTIVES
    assert inline_scripts(response.content.decode()) == []


def test_the_503_page_carries_the_csp(client):
    with mock.patch("portal.home.HomeView.get", side_effect=OperationalError("down")):
        response = client.get(reverse("home"), secure=True)

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert csp_directives(response) == CSP_DIRECTIVES
