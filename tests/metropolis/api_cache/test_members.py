"""The member list from the API cache: every write that changes what it shows
changes its answer at once, whatever wrote it."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone, translation

from members.models import BoardMandate, MemberCity
from members.services import member_save
from tests import factories
from tests.admin_utils import admin_url, changeform_data
from tests.metropolis.api_cache.utils import MEMBERS, cached, fresh, read_again
from tools.bulk import SCALES

pytestmark = pytest.mark.django_db

TABLE = "members_membercity"


def test_a_repeated_read_is_answered_from_the_cache(api, member):
    # `cached` checks that the second read runs no query of the list.
    assert b"Guangzhou" in cached(api, MEMBERS, TABLE)


def test_a_change_through_the_service_shows_at_once(api, member):
    before = cached(api, MEMBERS, TABLE)
    member.summary = "Host of the 2026 congress."
    member_save(member=member, fields=["summary"])

    after = read_again(api, MEMBERS)
    assert after != before
    assert b"Host of the 2026 congress." in after


def test_a_change_through_the_admin_shows_at_once(api, editor_client, member):
    before = cached(api, MEMBERS, TABLE)
    url = admin_url("members.membercity", "change", member.pk)
    data = changeform_data(editor_client.get(url)) | {"name": "Canton"}
    editor_client.post(url, data)

    after = read_again(api, MEMBERS)
    assert after != before
    assert b"Canton" in after


def test_a_change_through_the_api_shows_at_once(api, editor_api, member):
    before = cached(api, MEMBERS, TABLE)
    editor_api.patch(
        f"{MEMBERS}{member.slug}/", {"population": 18_700_000}, format="json"
    )

    after = read_again(api, MEMBERS)
    assert after != before
    assert b"18700000" in after


def test_a_queryset_update_shows_at_once(api, member):
    before = cached(api, MEMBERS, TABLE)
    MemberCity.objects.filter(pk=member.pk).update(name="Canton")

    assert read_again(api, MEMBERS) != before


def test_raw_sql_shows_at_once(api, member):
    before = cached(api, MEMBERS, TABLE)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {TABLE} SET name = %s WHERE id = %s", ["Canton", member.pk]
        )

    assert b"Canton" in read_again(api, MEMBERS) != before


def test_cities_added_by_bulk_create_show_at_once(api, member):
    before = cached(api, MEMBERS, TABLE)
    MemberCity.objects.bulk_create(
        factories.MemberCityFactory.build(name=name, slug=name.lower(), region=region)
        for name, region in [("Lyon", member.region), ("Nantes", member.region)]
    )

    after = read_again(api, MEMBERS)
    assert after != before
    assert b"Lyon" in after and b"Nantes" in after


def test_a_deleted_city_leaves_at_once(api, member, other_member):
    before = cached(api, MEMBERS, TABLE)
    other_member.delete()

    after = read_again(api, MEMBERS)
    assert b"Dakar" in before
    assert b"Dakar" not in after


def test_a_region_renamed_shows_at_once(api, member):
    before = cached(api, MEMBERS, TABLE)
    member.region.name = "Asia-Pacific"
    member.region.save()

    assert b"Asia-Pacific" in read_again(api, MEMBERS) != before


def test_a_board_mandate_from_today_shows_at_once(api, member):
    before = cached(api, MEMBERS, TABLE)
    factories.BoardMandateFactory(
        member=member,
        role=BoardMandate.Role.TREASURER,
        start_date=timezone.localdate(),
    )

    after = read_again(api, MEMBERS)
    assert b"treasurer" not in before
    assert b"treasurer" in after


def test_a_mandate_ended_yesterday_leaves_the_next_day(api, member, on_day):
    day = datetime.date(2025, 3, 10)
    factories.BoardMandateFactory(
        member=member, role=BoardMandate.Role.TREASURER, end_date=day
    )
    on_day(day)
    before = cached(api, MEMBERS, TABLE)
    on_day(day + datetime.timedelta(days=1))

    after = read_again(api, MEMBERS)
    assert b"treasurer" in before
    assert b"treasurer" not in after


def test_parameters_in_another_order_share_the_page(api, member):
    cached(api, f"{MEMBERS}?page_size=1&ordering=name", TABLE)

    # Served from the cache (`cached`), and what it would be made afresh.
    shown = cached(api, f"{MEMBERS}?ordering=name&page_size=1", TABLE)
    assert shown == fresh(api, f"{MEMBERS}?ordering=name&page_size=1")


def test_each_page_is_its_own(api, member, other_member):
    first = cached(api, f"{MEMBERS}?page_size=1", TABLE)
    second = cached(api, f"{MEMBERS}?page_size=1&page=2", TABLE)

    assert b"Dakar" in first and b"Guangzhou" in second


def test_a_page_in_another_language_is_its_own(api, member):
    english = cached(api, MEMBERS, TABLE)
    with translation.override("fr"):
        french = read_again(api, MEMBERS, HTTP_ACCEPT_LANGUAGE="fr")

    assert b'"country_name":"China"' in english
    assert b'"country_name":"Chine"' in french


def test_a_page_over_https_links_over_https(api, member):
    cached(api, MEMBERS, TABLE)

    shown = read_again(api, MEMBERS, secure=True)
    assert b"http://testserver/" not in shown
    assert b"https://testserver/" in shown


def test_bulk_data_generated_and_removed_shows_at_once(api, member):
    url = f"{MEMBERS}?page_size=100"
    before = cached(api, url, TABLE)
    call_command("generate_bulk", "--scale", "tiny", stdout=StringIO())
    generated = read_again(api, url)
    call_command("generate_bulk", "--remove", stdout=StringIO())

    assert generated.count(b'"slug":"bulk-') == SCALES["tiny"].members
    assert read_again(api, url) == before
