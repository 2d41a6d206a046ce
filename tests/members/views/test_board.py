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
    current = [mandate.member.name for mandate in response.context["current"]]
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


@pytest.mark.parametrize("size", LIST_SIZES)
def test_board_page_costs_the_same_queries_whatever_its_size(
    client, django_assert_num_queries, size
):
    factories.BoardMandateFactory.create_batch(size)
    factories.BoardMandateFactory.create_batch(size, end_date=datetime.date(2020, 6, 1))

    # The current and the past mandates; the chart's mandates and regions.
    with django_assert_num_queries(4):
        client.get(reverse("members:board"))
