"""E-mail settings from the environment: console by default, SMTP when a server
is named, and a bad value stops the start naming the variable."""

import subprocess

import pytest

from tests.settings_utils import run_settings

SHOW = (
    "import metropolis.settings as s; "
    "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, "
    "s.EMAIL_HOST_USER, s.EMAIL_HOST_PASSWORD)"
)


def load_settings(**env) -> subprocess.CompletedProcess:
    return run_settings(SHOW, **env)


def test_email_goes_to_the_console_by_default():
    result = load_settings()

    assert result.stdout.split()[0] == "django.core.mail.backends.console.EmailBackend"


def test_email_goes_through_the_smtp_server_named_in_the_environment():
    result = load_settings(
        DJANGO_EMAIL_HOST="smtp.example.org",
        DJANGO_EMAIL_PORT="587",
        DJANGO_EMAIL_USE_TLS="yes",
        DJANGO_EMAIL_HOST_USER="members",
        DJANGO_EMAIL_HOST_PASSWORD="s3cret",
    )

    assert result.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.org",
        "587",
        "True",
        "members",
        "s3cret",
    ]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DJANGO_EMAIL_PORT", "smtp"),
        ("DJANGO_EMAIL_PORT", "70000"),
        ("DJANGO_EMAIL_USE_TLS", "perhaps"),
    ],
)
def test_bad_email_setting_stops_the_start_naming_the_variable(name, value):
    result = load_settings(DJANGO_EMAIL_HOST="smtp.example.org", **{name: value})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert name in result.stderr
