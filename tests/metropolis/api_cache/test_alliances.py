"""The alliance list from the API cache: every write that changes what it
shows changes its answer at once, and statuses move with the Madrid day."""

import datetime

import pytest

from alliances.models import Alliance
from alliances.services import alliance_extend
from members.models import Person
from tests import factories
from tests.admin_utils import admin_url, changeform_data
from tests.metropolis.api_cache.utils import ALLIANCES, cached, read_again

pytestmark = pytest.mark.django_db

TABLE = "alliances_alliance"
D = datetime.date


@pytest.fixture
def mou(member):
    """Three years from 15 July 2021 (to 14 July 2024), signed by a person."""
    alliance = factories.AllianceFactory(
        title="Alliance with Guangzhou",
        slug="guangzhou",
        kind=Alliance.Kind.GRANTING_MEMBER,
        granting_member=member,
        plan=factories.StrategicActionPlanFactory(title="Plan 2021-2023"),
    )
    factories.AllianceSignatoryFactory(
        alliance=alliance, person=factories.PersonFactory(name="Octavi de la Varga")
    )
    return alliance


def test_an_extension_through_the_service_shows_at_once(api, mou, on_day):
    on_day(D(2024, 6, 1))
    before = cached(api, ALLIANCES, TABLE)
    alliance_extend(alliance=mou, new_end_date=D(2025, 7, 14), agreed_on=D(2024, 6, 1))

    after = read_again(api, ALLIANCES)
    assert b'"end_date":"2024-07-14"' in before
    assert b'"end_date":"2025-07-14"' in after


def test_a_change_through_the_api_shows_at_once(api, editor_api, mou):
    before = cached(api, ALLIANCES, TABLE)
    editor_api.patch(f"{ALLIANCES}{mou.slug}/", {"counterpart": "Canton Office"})

    assert b"Canton Office" in read_again(api, ALLIANCES) != before


def test_a_change_through_the_admin_shows_at_once(api, editor_client, mou):
    before = cached(api, ALLIANCES, TABLE)
    url = admin_url("alliances.alliance", "change", mou.pk)
    data = changeform_data(editor_client.get(url)) | {"title": "Guangzhou MoU"}
    editor_client.post(url, data)

    assert b"Guangzhou MoU" in read_again(api, ALLIANCES) != before


def test_a_queryset_update_shows_at_once(api, mou):
    before = cached(api, ALLIANCES, TABLE)
    Alliance.objects.filter(pk=mou.pk).update(counterpart="Canton Office")

    assert b"Canton Office" in read_again(api, ALLIANCES) != before


def test_a_signatory_renamed_shows_at_once(api, mou):
    before = cached(api, ALLIANCES, TABLE)
    Person.objects.filter(name="Octavi de la Varga").update(name="Emilia Saiz")

    assert b"Emilia Saiz" in read_again(api, ALLIANCES) != before


def test_a_plan_renamed_shows_at_once(api, mou):
    before = cached(api, ALLIANCES, TABLE)
    mou.plan.title = "Plan 2021-2024"
    mou.plan.save()

    assert b"Plan 2021-2024" in read_again(api, ALLIANCES) != before


def test_a_deleted_alliance_leaves_at_once(api, mou):
    before = cached(api, ALLIANCES, TABLE)
    mou.delete()

    assert b"Alliance with Guangzhou" in before
    assert b"Alliance with Guangzhou" not in read_again(api, ALLIANCES)


def test_an_alliance_expires_the_day_after_its_end(api, mou, on_day):
    on_day(D(2024, 7, 14))
    before = cached(api, ALLIANCES, TABLE)
    on_day(D(2024, 7, 15))

    after = read_again(api, ALLIANCES)
    assert b'"days_remaining":1' in before
    assert b'"status":"expired"' in after
