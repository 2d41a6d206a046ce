"""Data versions (core.versions): every statement that writes to a versioned
table changes its version, in the writer's transaction, whatever wrote it."""

import pytest
from django.db import connection, transaction

from core.versions import install_triggers, read_versions, versioned_tables
from members.models import MemberCity
from news.models import Category
from tests import factories

pytestmark = pytest.mark.django_db

LISTED = [
    "auth_user",
    "members_membercity",
    "members_region",
    "members_boardmandate",
    "members_person",
    "alliances_alliance",
    "alliances_allianceextension",
    "alliances_alliancesignatory",
    "alliances_strategicactionplan",
    "news_newspost",
    "news_category",
    "news_newspost_related_members",
    "news_newspost_related_alliances",
    # The invoices' changelist keeps its count and totals (core.counts).
    "dues_invoice",
    "dues_payment",
    "dues_creditnote",
]


def version(table: str) -> int:
    return read_versions()[table]


def tables_with_triggers() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c "
                "ON c.oid = t.tgrelid WHERE t.tgname = 'core_dataversion_bump'"
            )
        else:
            cursor.execute(
                "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'core_dataversion_bump%'"
            )
        return {table for (table,) in cursor.fetchall()}


def test_every_table_the_lists_show_has_a_version_and_its_trigger():
    assert set(LISTED) <= set(versioned_tables())
    assert set(versioned_tables()) <= tables_with_triggers()
    assert set(versioned_tables()) <= read_versions().keys()


def test_history_tables_carry_no_version():
    assert "members_historicalmembercity" not in versioned_tables()


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda city: city.save(), id="save"),
        pytest.param(
            lambda city: MemberCity.objects.filter(pk=city.pk).update(name="Canton"),
            id="update",
        ),
        pytest.param(lambda city: city.delete(), id="delete"),
        pytest.param(
            lambda city: MemberCity.objects.bulk_create(
                [factories.MemberCityFactory.build(region=city.region)]
            ),
            id="bulk_create",
        ),
    ],
)
def test_each_kind_of_write_changes_the_version(write):
    city = factories.MemberCityFactory()
    before = version("members_membercity")
    write(city)

    assert version("members_membercity") != before


def test_raw_sql_changes_the_version():
    region = factories.RegionFactory()
    before = version("members_region")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE members_region SET name = 'Europe' WHERE id = %s", [region.pk]
        )

    assert version("members_region") != before


def test_a_link_added_changes_the_link_tables_version(member):
    post = factories.NewsPostFactory()
    before = version("news_newspost_related_members")
    post.related_members.add(member)

    assert version("news_newspost_related_members") != before


def test_a_write_rolled_back_leaves_the_version(member):
    before = version("members_membercity")
    with pytest.raises(RuntimeError), transaction.atomic():
        MemberCity.objects.filter(pk=member.pk).update(name="Canton")
        raise RuntimeError

    assert version("members_membercity") == before


def test_a_write_elsewhere_leaves_the_version(member):
    before = version("members_membercity")
    factories.NewsPostFactory()

    assert version("members_membercity") == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no TRUNCATE")
def test_truncate_changes_the_version():
    # A table this transaction has not written to: PostgreSQL refuses to
    # truncate one with foreign key checks pending.
    before = version("news_newspost_related_alliances")
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE news_newspost_related_alliances")

    assert version("news_newspost_related_alliances") != before


def test_installing_again_restores_a_lost_trigger_and_changes_every_version():
    """As after a migration that rebuilt a table (SQLite drops its triggers)."""
    category = factories.CategoryFactory()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER core_dataversion_bump ON news_category")
        else:
            cursor.execute('DROP TRIGGER "core_dataversion_bump_news_category_update"')
    before = read_versions()
    Category.objects.filter(pk=category.pk).update(name="Lost")
    assert version("news_category") == before["news_category"]

    install_triggers()
    after = read_versions()
    Category.objects.filter(pk=category.pk).update(name="Found")

    assert all(after[table] != before[table] for table in versioned_tables())
    assert version("news_category") != after["news_category"]
