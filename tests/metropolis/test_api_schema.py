"""Property-based tests over the whole OpenAPI schema, in-process (schemathesis).

Every operation, with generated parameters and bodies, anonymous and with a
`write` key: no 5xx, and every response conforms to the documented statuses,
content types, headers and bodies. The schema is generated on the database
under test (its integer bounds differ between SQLite and PostgreSQL).
"""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test.utils import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from partners.models import PartnerKey
from tests import factories

HOST = "localhost"  # schemathesis's WSGI client sends this Host header
WRITES = ["POST", "PUT", "PATCH", "DELETE"]


def load_schema(**config):
    with override_settings(ALLOWED_HOSTS=[HOST]):
        return schemathesis.openapi.from_wsgi(
            "/api/v1/schema/",
            get_wsgi_application(),
            config=SchemathesisConfig.from_dict(config),
        )


# The coverage phase (every boundary and invalid value of every parameter) runs
# on the reads of the write key, who sees the most; everything else is fuzzed.
# That keeps this file well under a minute.
schema = load_schema(
    operations=[{"include-method": WRITES, "phases": {"coverage": {"enabled": False}}}]
)
anonymous_schema = load_schema(phases={"coverage": {"enabled": False}})

EXAMPLES = settings(
    deadline=None,
    max_examples=8,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
# No 5xx, and the answer is the documented one. Not the checks that a request
# schemathesis calls valid is accepted (a slug that names nothing, a second
# President: 400 is documented) or that DRF's lenient coercions (the number 0
# for a string) are refused; the filters' refusals are pinned in test_api.py.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    ignored_auth,
]


@pytest.fixture(autouse=True)
def in_process_server(settings):
    """The test's own connection serves the requests: Django must not close it
    between requests (PostgreSQL would answer "the connection is closed")."""
    settings.ALLOWED_HOSTS = [HOST]
    settings.API_RATES = dict.fromkeys(settings.API_RATES, "100000/min")
    cache.clear()
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
    cache.clear()


@pytest.fixture
def some_data(db):
    """A few objects of every resource, so that reads return real rows."""
    guangzhou = factories.MemberCityFactory(
        name="Guangzhou", slug="guangzhou", country="CN", population=22_000_000
    )
    factories.BoardMandateFactory(member=guangzhou, role="president")
    zhan = factories.PersonFactory(organisation=guangzhou, is_public=False)
    factories.PersonFactory(organisation=None)
    factories.RegionalSecretariatFactory(member=guangzhou, secretary=zhan)
    factories.RegionalSecretariatFactory()
    plan = factories.StrategicActionPlanFactory()
    factories.PlanObjectiveFactory(plan=plan)
    alliance = factories.AllianceFactory(
        granting=True, granting_member=guangzhou, plan=plan, contact=zhan
    )
    factories.AllianceSignatoryFactory(alliance=alliance)
    factories.AllianceExtensionFactory(alliance=alliance)
    factories.AllianceFactory(signed_on=None, start_date=None, term_years=None)
    post = factories.NewsPostFactory(proposed_by=guangzhou)
    post.related_members.add(guangzhou)
    post.related_alliances.add(alliance)
    factories.NewsPostFactory(status="submitted", published_at=None)


@pytest.fixture
def write_key(db):
    owner = factories.UserFactory(username="partner-owner")
    _, key = PartnerKey.objects.create_key(
        name="fuzzer", owner=owner, scope=PartnerKey.Scope.WRITE
    )
    return key


@pytest.mark.django_db
@anonymous_schema.parametrize()
@EXAMPLES
def test_anonymous_callers_get_documented_answers(case, some_data):
    case.call_and_validate(checks=CHECKS)


@pytest.mark.django_db
@schema.parametrize()
@EXAMPLES
def test_write_keys_get_documented_answers(case, some_data, write_key):
    case.call_and_validate(
        headers={"Authorization": f"Api-Key {write_key}"}, checks=CHECKS
    )
