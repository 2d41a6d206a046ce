from http import HTTPStatus

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from core.events import domain_event
from members.imports import MemberCityResource
from members.models import MemberCity
from tests import factories
from tests.imports.utils import confirm, import_types, invalid_rows, preview

pytestmark = pytest.mark.django_db

KINDS = ["csv", "xlsx"]


def city(slug, name, region, **extra):
    return {
        "slug": slug,
        "name": name,
        "country": "FR",
        "region": region.slug,
        "join_year": 2004,
        "population": 520000,
        "population_year": 2020,
        **extra,
    }


@pytest.mark.parametrize("kind", KINDS)
def test_preview_says_new_and_writes_nothing(admin_client, region, kind):
    rows = [city("lyon", "Lyon", region), city("lille", "Lille", region)]

    response = preview(admin_client, "membercity", rows, kind)

    assert response.status_code == HTTPStatus.OK
    assert import_types(response) == ["new", "new"]
    assert response.context["confirm_form"] is not None
    assert not MemberCity.objects.exists()


@pytest.mark.parametrize("kind", KINDS)
def test_confirm_creates_what_the_preview_said(admin_client, editor, region, kind):
    rows = [city("lyon", "Lyon", region, is_capital="false", latitude="45.76")]
    rows[0]["longitude"] = "4.84"

    response = confirm(
        admin_client, "membercity", preview(admin_client, "membercity", rows, kind)
    )

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("admin:members_membercity_changelist")
    lyon = MemberCity.objects.get(slug="lyon")
    assert (lyon.name, lyon.region, lyon.population) == ("Lyon", region, 520000)
    assert str(lyon.latitude) == "45.760000"
    # The history names the person who imported the file.
    assert lyon.history.get().history_user == editor


@pytest.mark.parametrize("kind", KINDS)
def test_reimport_updates_by_slug(admin_client, region, kind):
    factories.MemberCityFactory(slug="lyon", name="Lyon", region=region)
    rows = [city("lyon", "Lyon", region, population=530000)]

    response = preview(admin_client, "membercity", rows, kind)
    assert import_types(response) == ["update"]
    confirm(admin_client, "membercity", response)

    assert MemberCity.objects.get().population == 530000


def test_same_file_again_changes_nothing(admin_client, region):
    rows = [city("lyon", "Lyon", region)]
    confirm(admin_client, "membercity", preview(admin_client, "membercity", rows))

    response = preview(admin_client, "membercity", rows)

    assert import_types(response) == ["skip"]
    assert MemberCity.objects.count() == 1


@pytest.mark.parametrize("kind", KINDS)
def test_one_bad_row_writes_no_row(admin_client, region, kind):
    rows = [
        city("lyon", "Lyon", region),
        city("lille", "Lille", region, join_year=1900),
        city("nice", "Nice", region),
    ]

    response = preview(admin_client, "membercity", rows, kind)

    errors = invalid_rows(response)
    assert list(errors) == [2]
    assert "founded in 1985" in errors[2]["join_year"][0]
    assert "confirm_form" not in response.context
    assert not MemberCity.objects.exists()
    # The page says which row and which column.
    content = response.content.decode()
    assert "join_year" in content and "founded in 1985" in content


def test_a_region_that_does_not_exist_is_the_region_columns_error(admin_client, region):
    row = {**city("lyon", "Lyon", region), "region": "mars"}

    response = preview(admin_client, "membercity", [row])

    assert "“mars”" in invalid_rows(response)[1]["region"][0]


def test_a_database_rule_is_the_rows_error_not_a_500(admin_client, region):
    # A population without its year: clean() and a constraint both say no.
    rows = [city("lyon", "Lyon", region, population_year="")]

    response = preview(admin_client, "membercity", rows)

    assert response.status_code == HTTPStatus.OK
    assert "population_year" in invalid_rows(response)[1]


def test_an_update_is_the_event_member_updated(admin_client, region):
    factories.MemberCityFactory(slug="lyon", name="Lyon", region=region)
    events = []

    def listen(sender, event, instance, **context):
        events.append((event, instance.slug))

    domain_event.connect(listen, dispatch_uid="test-import")
    try:
        rows = [city("lyon", "Lyon", region, population=530000)]
        confirm(admin_client, "membercity", preview(admin_client, "membercity", rows))
    finally:
        domain_event.disconnect(dispatch_uid="test-import")

    # Once at the preview (rolled back with it) and once at the confirmation.
    assert events[-1] == ("member.updated", "lyon")


def test_a_yes_or_no_that_is_neither_is_the_cells_error(admin_client, region):
    rows = [city("lyon", "Lyon", region, is_capital="oui")]

    errors = invalid_rows(preview(admin_client, "membercity", rows))

    assert errors[1] == {"is_capital": ["Give true or false."]}


def test_a_constraint_the_database_enforces_is_the_columns_error(region):
    """Two writers at once pass full_clean() and meet at the database: the
    violation is the row's error, named by its column."""
    resource = MemberCityResource()
    lyon = MemberCity(
        slug="lyon", name="Lyon", country="FR", region=region, join_year=2004
    )
    lyon.population = 520000  # without its year

    with pytest.raises(ValidationError) as raised:
        resource.save_instance(lyon, True, {}, user=None)

    assert list(raised.value.message_dict) == ["population_year"]
    assert not MemberCity.objects.exists()


def test_summary_is_the_english_source_whatever_the_language(region):
    """The admin in French imports and exports the English text under
    `summary`, and the French one under `summary_fr`."""
    factories.MemberCityFactory(slug="lyon", name="Lyon", region=region)
    dataset = tablib.Dataset(headers=["slug", "summary", "summary_fr"])
    dataset.append(["lyon", "A city on two rivers.", "Une ville sur deux fleuves."])

    with translation.override("fr"):
        result = MemberCityResource().import_data(dataset, user=None)
        exported = MemberCityResource().export(MemberCity.objects.all())

    assert not result.has_errors() and not result.has_validation_errors()
    lyon = MemberCity.objects.get()
    assert (lyon.summary_en, lyon.summary_fr) == (
        "A city on two rivers.",
        "Une ville sur deux fleuves.",
    )
    assert exported.dict[0]["summary"] == "A city on two rivers."
    assert exported.dict[0]["summary_fr"] == "Une ville sur deux fleuves."
