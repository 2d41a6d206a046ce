"""The demo's governance: an Assembly held last year with its roll, quorum,
the plan adopted and a member admitted; a Board meeting the same day; an
Assembly convened for the coming months, on the home page and the governance
pages. Dates relative to today; a second run writes nothing; a person's edit
is kept and `--reset` puts it back."""

from http import HTTPStatus

import pytest
from django.urls import reverse
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
    assert held.day.year == today.year - 1
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
    board = Meeting.objects.get(body="board", status="held")
    assert board.day == held.day
    coming = Meeting.objects.get(status="convened")
    assert coming.day > today and coming.convened_on <= today
    coming.full_clean()


def held_resolutions(meeting):
    return Resolution.objects.filter(agenda_item__meeting=meeting).values_list(
        "kind", "outcome"
    )


def test_the_pages_show_the_held_assembly_its_decisions_and_the_next(client):
    load_demo()
    held = Meeting.objects.get(body="general_assembly", status="held")
    coming = Meeting.objects.get(status="convened")

    listing = client.get(reverse("governance:meeting-list")).content.decode()
    detail = client.get(held.get_absolute_url())
    home = client.get(reverse("home")).content.decode()

    assert held.get_absolute_url() in listing and coming.get_absolute_url() in listing
    assert detail.status_code == HTTPStatus.OK
    page = detail.content.decode()
    assert "4 of 4 member cities entitled to vote" in page
    assert "The General Assembly adopts the Strategic Action Plan 2021" in page
    assert "admits Example City (illustrative)" in page
    assert page.count("Adopted") >= 2
    assert f'href="{coming.get_absolute_url()}">{coming.title}</a>' in home


def test_a_second_run_writes_nothing():
    load_demo()
    counts = (Meeting.objects.count(), Resolution.objects.count())
    history = (Meeting.history.count(), Resolution.history.count())
    load_demo()
    assert (Meeting.objects.count(), Resolution.objects.count()) == counts
    assert (Meeting.history.count(), Resolution.history.count()) == history


def test_a_persons_edit_is_kept_and_reset_puts_it_back():
    load_demo()
    held = Meeting.objects.get(body="general_assembly", status="held")
    coming = Meeting.objects.get(status="convened")
    Meeting.objects.filter(pk__in=[held.pk, coming.pk]).update(place="Online only")
    held.agenda_items.filter(position=2).update(title="Edited")

    load_demo()
    assert set(Meeting.objects.values_list("place", flat=True)) == {
        "Online only",
        "Barcelona",
    }

    load_demo(reset=True)
    assert set(Meeting.objects.values_list("place", flat=True)) == {"Barcelona"}
    assert held.agenda_items.get(position=2).title == "Strategic Action Plan"
    assert Meeting.objects.filter(status="convened").get() == coming
