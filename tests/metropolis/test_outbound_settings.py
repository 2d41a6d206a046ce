"""The outbound settings (metropolis/outbound_settings.py: tasks, the site's
address, webhooks, e-mail) as metropolis.settings gives them, from the
environment; a bad site address stops the start naming the variable."""

import subprocess

import pytest

from tests.settings_utils import run_settings

SHOW = (
    "import metropolis.settings as s; "
    "print(s.SITE_URL, s.TASKS['default']['BACKEND'], "
    "s.WEBHOOKS_ALLOW_PRIVATE_TARGETS, s.EMAIL_TIMEOUT, s.DEFAULT_FROM_EMAIL)"
)
PRODUCTION = {"DJANGO_SECRET_KEY": "k" * 60, "DJANGO_DEBUG": "0"}


def load_settings(**env) -> subprocess.CompletedProcess:
    return run_settings(SHOW, **env)


def test_a_try_out_links_to_the_development_server_and_queues_in_the_database():
    assert load_settings().stdout.split() == [
        "http://127.0.0.1:8000",
        "django_tasks_db.DatabaseBackend",
        "False",
        "10",
        "noreply@localhost",
    ]


@pytest.mark.parametrize(
    ("env", "url"),
    [
        ({"DJANGO_ALLOWED_HOSTS": ".example.org,b.org"}, "https://example.org"),
        ({"DJANGO_ALLOWED_HOSTS": "*"}, "http://127.0.0.1:8000"),
        (
            {"DJANGO_ALLOWED_HOSTS": "a.org", "DJANGO_SITE_URL": "https://m.org/"},
            "https://m.org",
        ),
    ],
)
def test_production_links_to_its_address_or_its_first_host(env, url):
    result = load_settings(**PRODUCTION, **env)

    assert result.stdout.split()[0] == url, result.stderr


def test_the_environment_names_the_queue_webhooks_and_sender():
    result = load_settings(
        DJANGO_TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        DJANGO_WEBHOOKS_ALLOW_PRIVATE_TARGETS="1",
        DJANGO_DEFAULT_FROM_EMAIL="office@example.org",
    )

    assert result.stdout.split()[1:] == [
        "django_tasks.backends.immediate.ImmediateBackend",
        "True",
        "10",
        "office@example.org",
    ]


def test_a_site_address_without_a_scheme_stops_the_start_naming_it():
    result = load_settings(DJANGO_SITE_URL="members.example.org")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SITE_URL" in result.stderr
