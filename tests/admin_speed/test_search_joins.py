"""The admin's searches across foreign keys (core.admin_search): the rows
Django's own search finds, each table searched on its own, which on
PostgreSQL its trigram indexes answer."""

import datetime
from decimal import Decimal

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.admin_search import IndexedSearchMixin
from dues.services import payment_record
from tests import factories
from tests.admin_utils import admin_url
from tests.demo_utils import load_demo
from tests.dues.utils import make_city, make_grid, make_invoice
from tools.bulk import SCALES, generate

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigram indexes are PostgreSQL's"
)

# Words of the demo and of the bulk data, through joins and not; short terms
# (no trigram: Django's search as it is); two words; quoted words; none.
TERMS = [
    "guangzhou",
    "mou",
    "ba",
    "city office",
    '"Urban Data"',
    "2026-0",
    "harbour",
]


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


def found(client, label: str, term: str) -> list:
    response = client.get(admin_url(label, "changelist"), {"q": term})
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def test_an_alliance_is_found_by_its_granting_citys_name(superuser_client):
    granted = factories.AllianceFactory(
        title="Smart ports",
        granting=True,
        granting_member__name="Guangzhou",
        granting_member__slug="guangzhou",
    )
    factories.AllianceFactory(title="Parks", counterpart="Dakar Office")

    assert found(superuser_client, "alliances.alliance", "angzh") == [granted]


def test_an_alliance_is_found_by_its_counterpart_or_a_title_in_any_language(
    superuser_client,
):
    office = factories.AllianceFactory(title="Ports", counterpart="Harbour Office")
    french = factories.AllianceFactory(title="Parks", title_fr="Parcs du port")
    factories.AllianceFactory(title="Schools", counterpart="Education Board")

    assert found(superuser_client, "alliances.alliance", "harbour") == [office]
    assert found(superuser_client, "alliances.alliance", "PARCS") == [french]


def test_a_signatory_is_found_by_the_persons_name_or_the_alliances_title(
    superuser_client,
):
    by_person = factories.AllianceSignatoryFactory(person__name="Ana Lopez")
    by_title = factories.AllianceSignatoryFactory(alliance__title="Lopez Bridge")
    factories.AllianceSignatoryFactory(person__name="Ben Okafor")

    assert set(found(superuser_client, "alliances.alliancesignatory", "lopez")) == {
        by_person,
        by_title,
    }


def test_every_word_of_a_search_must_be_found(superuser_client):
    both = factories.AllianceFactory(
        title="Water", granting=True, granting_member__name="Lisbon"
    )
    factories.AllianceFactory(title="Water", counterpart="Porto Office")

    assert found(superuser_client, "alliances.alliance", "water lisbon") == [both]


def test_a_payment_is_found_by_its_invoices_city(
    superuser_client, django_assert_max_num_queries
):
    make_grid(first_year=2026, last_year=2026)
    invoices = [
        make_invoice(make_city(name=name, slug=name.lower()))
        for name in ["Montevideo", "Dakar"]
    ]
    paid, _ = [
        payment_record(
            invoice=invoice,
            received_on=datetime.date(2026, 2, 1),
            amount=Decimal("100.00"),
            reference=f"TRANSFER {number}",
        )
        for number, invoice in enumerate(invoices)
    ]

    with django_assert_max_num_queries(6):
        payments = found(superuser_client, "dues.payment", "video")

    assert payments == [paid]


def test_every_search_finds_the_rows_djangos_own_search_finds(rf, superuser):
    load_demo()
    generate(scale=SCALES["tiny"])
    request = rf.get("/")
    request.user = superuser
    matched = 0
    for model, model_admin in admin.site._registry.items():
        # The news search is by words, through its full-text index.
        if not model_admin.search_fields or (
            type(model_admin).get_search_results
            is not IndexedSearchMixin.get_search_results
        ):
            continue
        queryset = model_admin.get_queryset(request)
        for term in TERMS:
            ours, _ = model_admin.get_search_results(request, queryset, term)
            django, _ = admin.ModelAdmin.get_search_results(
                model_admin, request, queryset, term
            )
            expected = set(django.values_list("pk", flat=True))
            assert set(ours.values_list("pk", flat=True)) == expected, (model, term)
            matched += bool(expected)
    # The terms find rows in many lists: the comparison is not of empty sets.
    assert matched >= 10


@postgresql_only
def test_the_trigram_indexes_exist():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%_trgm'")
        names = {row[0] for row in cursor.fetchall()}

    assert names == {
        "alliances_title_en_trgm",
        "alliances_title_fr_trgm",
        "alliances_title_es_trgm",
        "alliances_counterpart_trgm",
        "members_membercity_name_trgm",
        "members_person_name_trgm",
        "dues_invoice_number_trgm",
        "dues_payment_reference_trgm",
    }


@postgresql_only
def test_the_alliance_search_reads_the_trigram_indexes(superuser_client):
    factories.AllianceFactory(title="Harbour", granting=True)
    url = admin_url("alliances.alliance", "changelist")
    with CaptureQueriesContext(connection) as captured:
        superuser_client.get(url, {"q": "harbour"})
    # The page's rows (the count before it says the same).
    (page,) = [
        q["sql"]
        for q in captured
        if q["sql"].startswith('SELECT "alliances_alliance"."id"')
        and "UPPER(" in q["sql"]
    ]

    with connection.cursor() as cursor:
        # A handful of rows: PostgreSQL would rather read them all than an
        # index. Told not to, it shows which index it would use at scale.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {page}")
        plan = "\n".join(row[0] for row in cursor.fetchall())

    # The alliance's own columns through their indexes; the city's name is
    # a branch of its own (at the bench's scale, through its trigram index;
    # here a full index scan of its name is as cheap).
    for column in ["title_en", "title_fr", "title_es", "counterpart"]:
        assert f"Bitmap Index Scan on alliances_{column}_trgm" in plan
    assert "on members_membercity u0" in plan
