"""The demo's governance: an Assembly held with its roll, quorum, the plan
adopted and a member admitted; a Board meeting; an Assembly convened for the
coming months. Dates relative to today; a second run writes nothing."""

import pytest
from django.utils import timezone

from governance.models import Meeting, Resolution
from governance.roll import roll
from members.models import MemberCity
from tools.demo import load_demo

pytestmark = pytest.mark.django_db


def test_the_demo_shows_governance_alive_today():
    load_demo()
    today = timezone.localdate()
    held = Meeting.objects.get(body="general_assembly", status="held")
    assert held.day < today
    meeting_roll = roll(held)
    assert meeting_roll.size == 4 and meeting_roll.has_quorum()
    off = {
        line.member.slug: line.why for line in meeting_roll.lines if not line.on_roll
    }
    assert "unpaid" in off["montevideo"] and "mexico-city" in off
    outcomes = dict(held_resolutions(held))
    assert outcomes == {"plan_adoption": "adopted", "admission": "adopted"}
    admitted = MemberCity.objects.get(slug="example-city")
    assert admitted.status == "active" and admitted.join_year == held.day.year
    assert Meeting.objects.filter(body="board", status="held").exists()
    coming = Meeting.objects.get(status="convened")
    assert coming.day > today and coming.convened_on <= today
    coming.full_clean()


def held_resolutions(meeting):
    return Resolution.objects.filter(agenda_item__meeting=meeting).values_list(
        "kind", "outcome"
    )


def test_a_second_run_writes_nothing():
    load_demo()
    counts = (Meeting.objects.count(), Resolution.objects.count())
    history = Resolution.history.count()
    load_demo()
    assert (Meeting.objects.count(), Resolution.objects.count()) == counts
    assert Resolution.history.count() == history
