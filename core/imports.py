"""Import and export in the admin (django-import-export), shared by the apps.

An app's resource subclasses `GovernedResource` and names the service that
writes a row (`save_governed`); its admin mixes in `ImportExportAdminMixin`.
What this adds to the library:

- all or nothing: the file is one transaction, rolled back on any row's
  error, at the preview (dry run) and at the confirmation alike;
- errors named by the file's column (the library names the model field) and
  a database constraint's violation as the row's error, never a 500;
- a size limit, unknown columns and unreadable files refused by the form;
- formula injection defused on export as the admin's CSV action does it (a
  leading quote), and that quote taken off again on import (a round trip);
- import for users who may add and change the model, export for users who
  may view it.
"""

from django.contrib import messages
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    MultipleObjectsReturned,
    ObjectDoesNotExist,
    ValidationError,
)
from django.db import IntegrityError, transaction
from django.db.models import BooleanField
from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import resources, widgets
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ImportForm

from core.admin import FORMULA_PREFIXES, escape_formula
from core.api.integrity import integrity_error_fields

# The preview and the confirmation each run every row in the request: about
# 45 ms a member city on a busy two-core machine (README, "Import and
# export"), 500 rows in some 20 s, within gunicorn's 30 s. 500 member
# cities with long descriptions stay under 2 MB.
MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 500


class SlugWidget(widgets.ForeignKeyWidget):
    """A foreign key given by the related row's slug; a slug that names no
    row is the cell's error (the library would fail with DoesNotExist)."""

    def __init__(self, model, field="slug", **kwargs):
        super().__init__(model, field=field, **kwargs)

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except ObjectDoesNotExist:
            raise ValueError(
                gettext("No %(model)s has the %(field)s “%(value)s”.")
                % {
                    "model": self.model._meta.verbose_name,
                    "field": self.field,
                    "value": value,
                }
            ) from None


class NullableTextWidget(widgets.CharWidget):
    """An empty cell is NULL (a translation not written yet), as stored: an
    exported file imports back unchanged."""

    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return super().clean(value, row=row, **kwargs)


class BooleanWidget(widgets.BooleanWidget):
    """`true` and `false` as the open data files write them (1 and 0, and
    the library's other spellings, read too); anything else is the cell's
    error, where the library would read it as false."""

    def clean(self, value, row=None, **kwargs):
        text = value.strip().lower() if isinstance(value, str) else value
        if text in self.NULL_VALUES:
            return None
        if text in self.TRUE_VALUES:
            return True
        if text in self.FALSE_VALUES:
            return False
        raise ValueError(gettext("Give true or false."))

    def render(self, value, obj=None, **kwargs):
        if self.coerce_to_string and not kwargs.get("force_native_type"):
            return {True: "true", False: "false"}.get(value, "")
        return value


class GovernedResource(resources.ModelResource):
    """A model resource whose rows are written by the app's service, one
    transaction for the whole file."""

    class Meta:
        use_transactions = True
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if isinstance(f, BooleanField):
            return BooleanWidget
        return super().widget_from_django_field(f, default)

    def save_governed(self, instance, *, is_create: bool, user) -> None:
        """Write one validated row: the app's service. Raises ValidationError."""
        instance.save()

    def column_of(self) -> dict[str, str]:
        return {
            field.attribute: field.column_name
            for field in self.get_import_fields()
            if field.attribute
        }

    def by_column(self, error: ValidationError) -> ValidationError:
        """`error` with its fields named as the file's columns."""
        if not hasattr(error, "error_dict"):
            return error
        columns = self.column_of()
        return ValidationError(
            {
                columns.get(name, name): errors
                for name, errors in error.error_dict.items()
            }
        )

    def known_columns(self) -> set[str]:
        return {field.column_name for field in self.get_import_fields()}

    def get_instance(self, instance_loader, row):
        # A key cell the library cannot read (a slug that names no row) is
        # that column's error, not a traceback.
        errors = {}
        for name in self.get_import_id_fields():
            field = self.fields[name]
            try:
                field.clean(row)
            except ValueError as error:
                errors[field.column_name] = ValidationError(str(error))
        if errors:
            raise ValidationError(errors)
        try:
            return super().get_instance(instance_loader, row)
        except MultipleObjectsReturned:
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: _(
                        "More than one record has these values of %(columns)s: "
                        "tell them apart in the admin first."
                    )
                    % {"columns": ", ".join(self._meta.import_id_fields)}
                }
            ) from None

    def before_import_row(self, row, **kwargs):
        # The quote that export puts before a formula-like text comes off.
        for column, value in row.items():
            if (
                isinstance(value, str)
                and value.startswith("'")
                and value[1:].startswith(FORMULA_PREFIXES)
            ):
                row[column] = value[1:]

    def validate_instance(
        self, instance, import_validation_errors=None, validate_unique=True
    ):
        """The row's cells and full_clean(): its fields and clean(), the
        model's rules in words. Its constraints are left to the database,
        which checks them at the save (save_instance() makes a violation
        the row's error): Django checks each in Python with a query of its
        own, 0.14 s a row for a member city's seven."""
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(
                exclude=errors.keys(),
                validate_unique=validate_unique,
                validate_constraints=False,
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise self.by_column(ValidationError(errors))

    def do_instance_save(self, instance, is_create):
        raise NotImplementedError("save_instance() writes through save_governed()")

    def save_instance(self, instance, is_create, row, **kwargs):
        user = kwargs.get("user")
        if user is not None and user.is_authenticated:
            instance._history_user = user
        self.before_save_instance(instance, row, **kwargs)
        try:
            # A savepoint: a violated constraint leaves the file's
            # transaction usable, and the next rows are checked too.
            with transaction.atomic():
                self.save_governed(instance, is_create=is_create, user=user)
        except ValidationError as error:
            raise self.by_column(error) from None
        except IntegrityError as error:
            fields = integrity_error_fields(error)
            fields[NON_FIELD_ERRORS] = fields.pop("non_field_errors", [])
            raise self.by_column(
                ValidationError({k: v for k, v in fields.items() if v})
            ) from None
        self.after_save_instance(instance, row, **kwargs)

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        return escape_formula(value) if isinstance(value, str) else value


class GovernedImportForm(ImportForm):
    """The library's form, which also refuses a file too large, unreadable
    in the format chosen, or with columns the resource does not know."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.import_formats = formats
        self.import_resources = resources

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(
                _("The file is %(size)s; import at most %(limit)s at a time."),
                code="too_large",
                params={
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(MAX_IMPORT_BYTES),
                },
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        upload, chosen = cleaned.get("import_file"), cleaned.get("format")
        if upload is None or chosen in (None, ""):
            return cleaned
        file_format = self.import_formats[int(chosen)]()
        data = b"".join(upload.chunks())
        upload.seek(0)
        try:
            if not file_format.is_binary():
                data = data.decode("utf-8-sig")
            dataset = file_format.create_dataset(data)
        except Exception:  # any parser's error, for any file
            self.add_error(
                "import_file",
                _("This file cannot be read as %(format)s.")
                % {"format": file_format.get_title().upper()},
            )
            return cleaned
        if len(dataset) > MAX_IMPORT_ROWS:
            self.add_error(
                "import_file",
                _("The file has %(rows)s rows; import at most %(limit)s at a time.")
                % {"rows": len(dataset), "limit": MAX_IMPORT_ROWS},
            )
            return cleaned
        resource = self.import_resources[int(cleaned.get("resource") or 0)]()
        headers = [str(h).strip() for h in dataset.headers or [] if h is not None]
        unknown = [h for h in headers if h not in resource.known_columns()]
        missing = [
            resource.fields[name].column_name
            for name in resource.get_import_id_fields()
            if resource.fields[name].column_name not in headers
        ]
        if missing:
            self.add_error(
                "import_file",
                _("Missing columns: %(missing)s (they identify each row).")
                % {"missing": ", ".join(missing)},
            )
        if unknown:
            self.add_error(
                "import_file",
                _("Unknown columns: %(unknown)s. The columns are: %(known)s.")
                % {
                    "unknown": ", ".join(unknown),
                    "known": ", ".join(
                        field.column_name for field in resource.get_import_fields()
                    ),
                },
            )
        return cleaned


class ImportExportAdminMixin(ImportExportMixin):
    """Import (preview, then confirm) and export on a changelist, in CSV and
    XLSX; the export is the changelist's rows, as the admin shows them."""

    formats = [CSV, XLSX]
    import_form_class = GovernedImportForm

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_import_data_kwargs(self, **kwargs):
        # The confirmation writes the whole file or nothing, even if a row
        # became invalid since the preview.
        return {
            **super().get_import_data_kwargs(**kwargs),
            "rollback_on_validation_errors": True,
        }

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            rows = sorted(
                {row.number for row in result.invalid_rows}
                | {number for number, _errors in result.row_errors()}
            )
            messages.error(
                request,
                _(
                    "Nothing was imported: the data changed since the preview "
                    "and rows %(rows)s are no longer valid. Import the file again "
                    "to see why."
                )
                % {"rows": ", ".join(map(str, rows))},
            )
            app_label, model_name = self.get_model_info()
            return HttpResponseRedirect(
                reverse(
                    f"admin:{app_label}_{model_name}_import",
                    current_app=self.admin_site.name,
                )
            )
        return super().process_result(result, request)
