"""The hardening settings as a production process reads them from the
environment: the proxy hops trusted for the client's address, the database
timeouts, and a bad value stopping the start with the variable named."""

import pytest

from tests.metropolis.test_production import run

SHOW = (
    "import metropolis.settings as s; "
    "print(s.REST_FRAMEWORK['NUM_PROXIES'], s.AXES_CLIENT_IP_CALLABLE, "
    "s.DATABASES['default']['OPTIONS'])"
)


def shown(**env) -> str:
    result = run(["-c", SHOW], **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_without_a_proxy_no_forwarded_address_is_trusted():
    assert shown(DJANGO_NUM_PROXIES="3").startswith("0 core.clients.client_address ")


def test_behind_the_proxy_one_hop_is_trusted_unless_told_more():
    assert shown(DJANGO_BEHIND_TLS_PROXY="1").startswith("1 ")
    assert shown(DJANGO_BEHIND_TLS_PROXY="1", DJANGO_NUM_PROXIES="2").startswith("2 ")


# Statements PostgreSQL plans once per connection (metropolis/settings.py).
PREPARED = "'server_side_binding': True, 'prepare_threshold': 5"


def test_the_database_timeouts_reach_postgresql():
    assert shown().endswith(
        f"{{'connect_timeout': 5, 'options': '-c statement_timeout=15000', {PREPARED}}}"
    )
    assert shown(
        DJANGO_DB_CONNECT_TIMEOUT="2", DJANGO_DB_STATEMENT_TIMEOUT="0"
    ).endswith(
        f"{{'connect_timeout': 2, 'options': '-c statement_timeout=0', {PREPARED}}}"
    )


def test_prepared_statements_can_be_turned_off_for_a_pooler_that_cannot():
    assert shown(DJANGO_DB_PREPARED="0").endswith(
        "{'connect_timeout': 5, 'options': '-c statement_timeout=15000'}"
    )


def test_sqlite_waits_for_a_lock_as_long():
    assert shown(DATABASE_URL="", DJANGO_DB_CONNECT_TIMEOUT="3").endswith(
        "{'timeout': 3}"
    )


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DJANGO_DB_CONNECT_TIMEOUT", "0"),
        ("DJANGO_DB_STATEMENT_TIMEOUT", "-1"),
        ("DJANGO_DB_STATEMENT_TIMEOUT", "soon"),
        ("DJANGO_NUM_PROXIES", "-1"),
    ],
)
def test_a_bad_value_stops_the_start_naming_the_variable(variable, value):
    result = run(
        ["-c", "import metropolis.settings"],
        DJANGO_BEHIND_TLS_PROXY="1",
        **{variable: value},
    )

    assert result.returncode != 0
    assert variable in result.stderr
