"""The board over time: on /in-figures/ and on the board page, who held
which office when, the SVG and the table the same mandates."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from members.models import BoardMandate
from publicdata.charts import board as board_module
from publicdata.charts.board import board_chart
from tests import factories
from tests.publicdata.charts.helpers import charts, spans, table

pytestmark = pytest.mark.django_db

Role = BoardMandate.Role
TODAY = timezone.localdate()
LAST_YEAR = datetime.date(TODAY.year - 1, 1, 1)


def test_an_office_changing_hands_shows_both_holders_in_one_lane():
    barcelona = factories.MemberCityFactory(name="Barcelona")
    dakar = factories.MemberCityFactory(name="Dakar")
    factories.BoardMandateFactory(
        member=barcelona,
        role=Role.PRESIDENT,
        start_date=LAST_YEAR - datetime.timedelta(days=700),
        end_date=LAST_YEAR - datetime.timedelta(days=1),
    )
    factories.BoardMandateFactory(
        member=dakar, role=Role.PRESIDENT, start_date=LAST_YEAR
    )

    board = board_chart()

    (lane,) = board.timeline.lanes
    assert lane.label == "President"
    assert [span.label.split(",")[0] for span in lane.spans] == ["Barcelona", "Dakar"]
    first, second = lane.spans
    assert first.x + first.width == pytest.approx(second.x, abs=0.2)
    assert [(row.member, row.end) for row in board.rows] == [
        ("Barcelona", LAST_YEAR - datetime.timedelta(days=1)),
        ("Dakar", None),
    ]


def test_overlapping_mandates_of_one_office_get_lanes_of_their_own():
    for _ in range(3):
        factories.BoardMandateFactory(role=Role.VICE_PRESIDENT, start_date=LAST_YEAR)
    factories.BoardMandateFactory(role=Role.PRESIDENT, start_date=LAST_YEAR)

    lanes = board_chart().timeline.lanes

    # President first, then the Vice-Presidents' lanes, labelled once.
    assert [lane.label for lane in lanes] == ["President", "Vice-President", "", ""]
    assert [lane.title for lane in lanes[1:]] == ["Vice-President"] * 3


def test_mandates_before_the_years_shown_are_left_out():
    factories.BoardMandateFactory(
        role=Role.TREASURER,
        start_date=datetime.date(1990, 1, 1),
        end_date=datetime.date(1992, 12, 31),
    )

    assert board_chart().rows == []


def test_the_board_page_shows_the_chart_and_its_table(client):
    member = factories.MemberCityFactory(name="Montevideo")
    factories.BoardMandateFactory(
        member=member, role=Role.TREASURER, start_date=LAST_YEAR
    )

    response = client.get(reverse("members:board"))

    assert response.status_code == HTTPStatus.OK
    svg = charts(response)["board-chart"]
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "board-title board-desc"
    assert svg.findtext("title") == "The board over time"
    (drawn,) = spans(svg, "mandate")
    assert drawn.startswith("Montevideo, Treasurer, ")
    _header, row = table(response, "board-table")
    assert row[:2] == ["Treasurer", "Montevideo"]


def test_more_mandates_than_drawn_keep_the_offices_and_say_so(client, monkeypatch):
    monkeypatch.setattr(board_module, "MAX_MANDATES", 3)
    factories.BoardMandateFactory(role=Role.PRESIDENT, start_date=LAST_YEAR)
    for _ in range(4):
        factories.BoardMandateFactory(role=Role.BOARD_MEMBER, start_date=LAST_YEAR)

    response = client.get(reverse("members:board"))

    board = response.context["board"]
    assert (len(board.rows), board.total) == (3, 5)
    assert board.rows[0].role == "President"
    assert (
        "The chart shows 3 mandates of the 5 in these years"
        in response.content.decode()
    )
    assert len(spans(charts(response)["board-chart"])) == 3


def test_the_board_pages_queries_do_not_grow_with_the_mandates(
    client, django_assert_max_num_queries
):
    def visit(count):
        for _ in range(count):
            factories.BoardMandateFactory(start_date=LAST_YEAR)
        with django_assert_max_num_queries(9) as captured:
            client.get(reverse("members:board"))
        return len(captured)

    assert visit(1) == visit(10) == visit(30)
