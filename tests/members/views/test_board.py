"""The members' pages: the board."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse

from tests import factories
from tests.members.views.utils import LIST_SIZES, Role

pytestmark = pytest.mark.django_db


def test_board_page_lists_the_current_board_in_role_order(client):
    for role, name in [
        (Role.BOARD_MEMBER, "Dakar"),
        (Role.PRESIDENT, "Guangzhou"),
        (Role.TREASURER, "Barcelona"),
    ]:
        factories.BoardMandateFactory(role=role, member__name=name)

    response = client.get(reverse("members:board"))

    assert response.status_code == HTTPStatus.OK
    current = [mandate.member.name for mandate in response.context["view"].current]
    assert current == ["Guangzhou", "Barcelona", "Dakar"]


def test_board_page_groups_past_mandates_by_period(client):
    period = {"start_date": datetime.date(2016, 1, 1)}
    period["end_date"] = datetime.date(2019, 12, 31)
    factories.BoardMandateFactory(role=Role.PRESIDENT, member__name="Berlin", **period)
    factories.BoardMandateFactory(member__name="Montevideo", **period)
    factories.BoardMandateFactory(
        member__name="Dakar",
        start_date=datetime.date(2010, 1, 1),
        end_date=datetime.date(2015, 12, 31),
    )

    html = client.get(reverse("members:board")).content.decode()

    assert html.count('<section class="period"') == 2
    assert html.index("President: <a") < html.index("Montevideo")
    assert html.index("Montevideo") < html.index("Dakar")


def past_periods(count):
    """`count` past mandates, each in its own period, the latest in 2019."""
    for number in range(count):
        factories.BoardMandateFactory(
            member__name=f"City {number:02d}",
            start_date=datetime.date(2016 - number, 1, 1),
            end_date=datetime.date(2019 - number, 12, 31),
        )


def test_board_page_shows_twenty_periods_a_page_the_latest_first(client):
    factories.BoardMandateFactory(member__name="Current City")
    past_periods(21)

    first = client.get(reverse("members:board")).content.decode()
    second = client.get(reverse("members:board"), {"page": 2}).content.decode()

    assert first.count('<section class="period"') == 20
    assert "City 00" in first and "City 20" not in first
    assert 'rel="next"' in first
    assert second.count('<section class="period"') == 1
    assert "City 20" in second and "City 19" not in second
    # The current board is on every page.
    assert "Current City" in first and "Current City" in second


@pytest.mark.parametrize("page", ["0", "abc", "999"])
def test_board_page_number_that_is_not_one_gives_a_page(client, page):
    past_periods(21)

    response = client.get(reverse("members:board"), {"page": page})

    assert response.status_code == HTTPStatus.OK
    assert response.content.decode().count('<section class="period"') >= 1


@pytest.mark.parametrize("size", LIST_SIZES)
def test_board_page_costs_the_same_queries_whatever_its_size(
    client, django_assert_num_queries, django_assert_max_num_queries, size
):
    factories.BoardMandateFactory.create_batch(size)
    factories.BoardMandateFactory.create_batch(size, end_date=datetime.date(2020, 6, 1))
    past_periods(size)

    # Made: the tables' versions, the periods' count, the current mandates,
    # the page's periods and their mandates; the chart's mandates and regions.
    with django_assert_max_num_queries(7):
        client.get(reverse("members:board"))
    # Kept (core.counts, the fragments): the versions alone.
    with django_assert_num_queries(1):
        response = client.get(reverse("members:board"))

    assert response.content.decode().count('<section class="period"') == min(
        size + 1, 20
    )


def test_board_page_count_follows_a_new_past_period_at_once(client):
    past_periods(20)
    assert 'rel="next"' not in client.get(reverse("members:board")).content.decode()

    factories.BoardMandateFactory(
        member__name="City 20",
        start_date=datetime.date(1990, 1, 1),
        end_date=datetime.date(1993, 12, 31),
    )

    second = client.get(reverse("members:board"), {"page": 2}).content.decode()
    assert "City 20" in second
