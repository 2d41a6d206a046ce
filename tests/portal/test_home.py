"""The home page's figures, board and map come from the cache while nothing
they show has changed, and never outlive a change."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from members.models import BoardMandate, MemberCity
from tests import factories

pytestmark = pytest.mark.django_db


def home(client) -> str:
    return client.get(reverse("home")).content.decode()


def test_a_new_board_member_shows_at_once(client):
    home(client)  # the board's fragment cached
    member = factories.MemberCityFactory(name="Dakar")

    factories.BoardMandateFactory(
        member=member,
        role=BoardMandate.Role.TREASURER,
        start_date=timezone.localdate() - datetime.timedelta(days=1),
    )

    assert "Treasurer: <a" in home(client)
    assert ">Dakar</a>" in home(client)


def test_a_member_leaving_changes_the_figures_at_once(client):
    first, _ = factories.MemberCityFactory.create_batch(2)
    assert "<strong>2</strong> member cities" in home(client)

    MemberCity.objects.filter(pk=first.pk).update(status="withdrawn")

    assert "<strong>1</strong> member city" in home(client)


def test_a_member_s_new_coordinates_move_its_point_on_the_map(client):
    member = factories.MemberCityFactory(name="Dakar")
    assert "Dakar" not in home(client)  # no coordinates, no point

    MemberCity.objects.filter(pk=member.pk).update(
        latitude="14.716677", longitude="-17.467686"
    )

    assert "Dakar" in home(client)
