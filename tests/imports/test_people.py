import pytest

from members.models import Person
from tests import factories
from tests.imports.utils import confirm, import_types, invalid_rows, preview

pytestmark = pytest.mark.django_db

KINDS = ["csv", "xlsx"]


def person(name, organisation="", **extra):
    return {
        "name": name,
        "position_title": "Liaison officer",
        "organisation": organisation,
        "email": "",
        "phone": "",
        "is_public": "false",
        **extra,
    }


@pytest.mark.parametrize("kind", KINDS)
def test_import_creates_people_after_the_preview(admin_client, member, editor, kind):
    rows = [
        person("Zhan Decun", "guangzhou", email="zhan@example.org"),
        person("Octavi de la Varga", is_public="true"),
    ]

    response = preview(admin_client, "person", rows, kind)
    assert import_types(response) == ["new", "new"]
    assert not Person.objects.exists()
    confirm(admin_client, "person", response)

    zhan = Person.objects.get(name="Zhan Decun")
    assert (zhan.organisation, zhan.email, zhan.is_public) == (
        member,
        "zhan@example.org",
        False,
    )
    # No organisation: the Secretariat General.
    octavi = Person.objects.get(name="Octavi de la Varga")
    assert octavi.organisation is None and octavi.is_public
    assert octavi.history.get().history_user == editor


@pytest.mark.parametrize("kind", KINDS)
def test_reimport_updates_by_name_and_organisation(admin_client, member, kind):
    factories.PersonFactory(name="Zhan Decun", organisation=member)
    factories.PersonFactory(name="Zhan Decun", organisation=None)
    rows = [person("Zhan Decun", "guangzhou", phone="+86 20 1234")]

    response = preview(admin_client, "person", rows, kind)
    assert import_types(response) == ["update"]
    confirm(admin_client, "person", response)

    assert Person.objects.count() == 2
    assert Person.objects.get(organisation=member).phone == "+86 20 1234"
    assert Person.objects.get(organisation=None).phone == ""


def test_a_bad_email_writes_no_row(admin_client, member):
    rows = [
        person("Zhan Decun", "guangzhou"),
        person("Agnès Bickart", email="not an address"),
    ]

    errors = invalid_rows(preview(admin_client, "person", rows))

    assert list(errors) == [2]
    assert "email" in errors[2]
    assert not Person.objects.exists()
