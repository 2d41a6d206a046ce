"""Helpers for the admin's import and export: files in CSV and XLSX, and the
two steps of an import (the preview, then the confirmation)."""

import csv
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

# The order of ImportExportAdminMixin.formats.
FORMAT_INDEX = {"csv": "0", "xlsx": "1"}


def csv_bytes(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def xlsx_bytes(rows: list[dict]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append([None if value == "" else value for value in row.values()])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(rows: list[dict], kind: str) -> SimpleUploadedFile:
    data = csv_bytes(rows) if kind == "csv" else xlsx_bytes(rows)
    return SimpleUploadedFile(f"rows.{kind}", data)


def import_url(model: str) -> str:
    return reverse(f"admin:members_{model}_import")


def preview(client, model: str, rows: list[dict] | None, kind: str = "csv", **extra):
    """POST the file to the import page: the dry run."""
    data = {"format": FORMAT_INDEX[kind], "resource": "0", **extra}
    if rows is not None:
        data["import_file"] = upload(rows, kind)
    return client.post(import_url(model), data)


def confirm(client, model: str, response):
    """POST the preview's confirmation form, as its button does."""
    form = response.context["confirm_form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    return client.post(reverse(f"admin:members_{model}_process_import"), data)


def import_types(response) -> list[str]:
    """What the preview says of each row: "new", "update", "skip", ..."""
    return [row.import_type for row in response.context["result"].rows]


def invalid_rows(response) -> dict[int, dict[str, list[str]]]:
    """{row number: {column: [messages]}} of the preview's invalid rows."""
    result = response.context["result"]
    return {row.number: row.error_dict for row in result.invalid_rows}


def read_xlsx(data: bytes) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return [[cell.value for cell in row] for row in sheet.rows]


def export(client, model: str, kind: str = "csv", query: str = ""):
    """The export page's form sent with every column ticked."""
    url = reverse(f"admin:members_{model}_export") + query
    form = client.get(url).context["form"]
    data = {"format": FORMAT_INDEX[kind], "resource": "0"}
    for name, field in form.fields.items():
        if getattr(field, "is_selectable_field", False):
            data[name] = "on"
    return client.post(url, data)


def read_csv(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
