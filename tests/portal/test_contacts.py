from http import HTTPStatus

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("portal:contacts")


def test_contacts_list_the_city_people_public_or_not(liaison_client, member):
    factories.PersonFactory(
        name="Zhan Decun", organisation=member, email="zhan@example.cn", is_public=True
    )
    factories.PersonFactory(
        name="Li Wei",
        organisation=member,
        phone="+86 20 1234 5678",
        is_public=False,
    )

    response = liaison_client.get(URL)

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert '<a href="mailto:zhan@example.cn">zhan@example.cn</a>' in html
    assert '<a href="tel:+862012345678">+86 20 1234 5678</a>' in html
    assert "Not public" in html


def test_contacts_leave_out_other_organisations(liaison_client, member, other_member):
    factories.PersonFactory(name="Someone in Dakar", organisation=other_member)
    factories.PersonFactory(name="Octavi de la Varga", organisation=None)

    response = liaison_client.get(URL)

    assert list(response.context["object_list"]) == []
    assert "The association has no contact at your city yet." in (
        response.content.decode()
    )


@pytest.mark.parametrize("size", [1, 12])
def test_contacts_cost_the_same_queries_whatever_their_number(
    liaison_client, member, django_assert_num_queries, size
):
    factories.PersonFactory.create_batch(size, organisation=member)

    # Session, user, liaison and city, count, page.
    with django_assert_num_queries(5):
        liaison_client.get(URL)
