from http import HTTPStatus

import pytest
from django.urls import reverse

from members.models import LIAISON_EDITABLE_FIELDS, PHOTO_TEXTS, MemberCity, this_year
from portal.forms import with_translations

pytestmark = pytest.mark.django_db

URL = reverse("portal:profile")


def form_data(member: MemberCity, **changes) -> dict:
    """The profile form as the liaison's browser sends it, with `changes`."""
    data = {name: getattr(member, name) for name in LIAISON_EDITABLE_FIELDS}
    return {
        name: "" if value is None else value
        for name, value in {**data, **changes}.items()
    }


def test_profile_form_offers_exactly_the_liaison_fields(liaison_client):
    response = liaison_client.get(URL)

    # The summary, description and photo's texts with their French and
    # Spanish beside them; the uploads before the photo's texts, and no box
    # to remove an image the city does not have.
    texts = [name for name in LIAISON_EDITABLE_FIELDS if name not in PHOTO_TEXTS]
    fields = with_translations(
        [*texts, "emblem_upload", "photo_upload", *PHOTO_TEXTS],
        translated=("summary", "description", *PHOTO_TEXTS),
    )
    assert list(response.context["form"].fields) == fields
    html = response.content.decode()
    for name in fields:
        assert f'<label for="id_{name}">' in html


def test_liaison_corrects_the_population(liaison_client, member):
    data = form_data(member, population=22_937_000, population_year=2024)

    response = liaison_client.post(URL, data, follow=True)

    member.refresh_from_db()
    assert (member.population, member.population_year) == (22_937_000, 2024)
    assert "The profile of Guangzhou was saved." in response.content.decode()


def test_profile_change_is_in_the_history_with_the_liaison(
    liaison_client, member, liaison
):
    liaison_client.post(URL, form_data(member, summary="On the Pearl River."))

    latest = member.history.latest()
    assert latest.summary == "On the Pearl River."
    assert latest.history_user == liaison


def test_profile_error_names_the_field_and_saves_nothing(liaison_client, member):
    # The gross regional product goes with its currency and year.
    data = form_data(member, summary="Changed", grp_amount="2360000000000")

    response = liaison_client.post(URL, data)

    assert response.status_code == HTTPStatus.OK
    form = response.context["form"]
    assert set(form.errors) == {"grp_currency", "grp_year"}
    html = response.content.decode()
    assert "Nothing was saved" in html
    assert 'id="id_grp_currency_error"' in html
    assert "Give the amount, the currency and the year" in html
    member.refresh_from_db()
    assert member.summary == ""
    assert member.history.count() == 1


def test_population_without_its_year_is_refused_on_the_year(liaison_client, member):
    response = liaison_client.post(URL, form_data(member, population_year=""))

    assert list(response.context["form"].errors) == ["population_year"]
    member.refresh_from_db()
    assert member.population_year == 2020


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("population", "99999999999999999999999"),
        ("population", "-5"),
        ("grp_amount", "1e30"),
        ("website", "not a web address"),
        ("population_year", "40000"),
        ("grp_year", "1066"),
        ("population_year", str(this_year() + 1)),
    ],
)
def test_bad_values_are_refused_on_their_field(liaison_client, member, field, value):
    response = liaison_client.post(URL, form_data(member, **{field: value}))

    assert response.status_code == HTTPStatus.OK
    assert field in response.context["form"].errors


def test_fields_outside_the_liaison_fields_are_ignored(liaison_client, member):
    data = form_data(
        member,
        name="Canton",
        slug="canton",
        status=MemberCity.Status.WITHDRAWN,
        join_year=1985,
        summary="Changed",
    )

    liaison_client.post(URL, data)

    member.refresh_from_db()
    assert member.summary == "Changed"
    assert (member.name, member.slug, member.status, member.join_year) == (
        "Guangzhou",
        "guangzhou",
        MemberCity.Status.ACTIVE,
        2000,
    )


def test_sending_the_form_unchanged_saves_nothing(liaison_client, member):
    response = liaison_client.post(URL, form_data(member), follow=True)

    assert "Nothing changed" in response.content.decode()
    assert member.history.count() == 1


def test_profile_save_leaves_the_secretariat_fields_alone(liaison_client, member):
    # The secretariat changes the status while the liaison edits the profile.
    data = form_data(member, summary="Changed")
    MemberCity.objects.filter(pk=member.pk).update(income_band="high")

    liaison_client.post(URL, data)

    member.refresh_from_db()
    assert (member.summary, member.income_band) == ("Changed", "high")
