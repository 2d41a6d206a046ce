"""The board page's kept fragments (the current board, a page of past
mandates, the chart): every write that changes what they show changes the
page at once, and so does the day."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.members.views.utils import Role

pytestmark = pytest.mark.django_db

URL = reverse("members:board")
TODAY = timezone.localdate()


def page(client) -> str:
    return client.get(URL).content.decode()


def test_a_new_mandate_shows_at_once(client):
    factories.BoardMandateFactory(role=Role.PRESIDENT, member__name="Dakar")
    assert "Montevideo" not in page(client)

    factories.BoardMandateFactory(role=Role.TREASURER, member__name="Montevideo")

    html = page(client)
    current = html[html.index('id="current-heading"') : html.index('id="past-heading"')]
    assert "Montevideo" in current


def test_a_renamed_member_shows_at_once_in_every_fragment(client):
    mandate = factories.BoardMandateFactory(
        role=Role.PRESIDENT, member__name="Dakar", start_date=TODAY.replace(day=1)
    )
    factories.BoardMandateFactory(
        member=mandate.member,
        start_date=datetime.date(2016, 1, 1),
        end_date=datetime.date(2019, 12, 31),
    )
    assert page(client).count("Dakar") >= 3

    mandate.member.name = "Saint-Louis"
    mandate.member.save()

    html = page(client)
    assert "Dakar" not in html
    current = html[html.index('id="current-heading"') : html.index('id="past-heading"')]
    past = html[html.index('id="past-heading"') : html.index("board-chart-heading")]
    chart = html[html.index("board-chart-heading") :]
    assert "Saint-Louis" in current and "Saint-Louis" in past
    assert "Saint-Louis" in chart


def test_a_mandate_that_ended_yesterday_is_past_the_next_day(client, monkeypatch):
    factories.BoardMandateFactory(
        member__name="Dakar", start_date=datetime.date(2020, 1, 1), end_date=TODAY
    )
    html = page(client)
    assert "No past mandates are recorded." in html

    tomorrow = TODAY + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)

    html = page(client)
    assert "No board mandate is current today." in html
    assert "No past mandates are recorded." not in html


def test_each_page_of_past_mandates_is_kept_apart(client):
    for number in range(21):
        factories.BoardMandateFactory(
            member__name=f"City {number:02d}",
            start_date=datetime.date(2016 - number, 1, 1),
            end_date=datetime.date(2019 - number, 12, 31),
        )
    assert "City 00" in page(client)

    html = client.get(URL, {"page": 2}).content.decode()

    second = html[html.index('id="past-heading"') : html.index("board-chart-heading")]
    assert "City 20" in second and "City 00" not in second
