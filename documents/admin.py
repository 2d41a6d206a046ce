"""Documents in the admin: an inline on the alliance's and the meeting's
change page, whose upload goes through documents.services like the API's.

The two ModelAdmins are the registered ones extended by subclassing (the
documents app sits above alliances and governance, which know nothing of it).
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from alliances.admin import AllianceAdmin
from alliances.models import Alliance
from documents.checks import check_upload
from documents.models import Document
from documents.services import document_set_public, document_upload
from governance.admin import MeetingAdmin
from governance.models import Meeting


class DocumentForm(forms.ModelForm):
    file = forms.FileField(
        label=_("new version (PDF)"),
        required=False,
        help_text=_("A new upload becomes the next version; earlier ones are kept."),
    )

    class Meta:
        model = Document
        fields = ["public"]

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload:
            try:
                check_upload(upload)
            except ValidationError as exc:
                self.add_error(None, exc)
        elif self.instance.pk is None and self.has_changed():
            self.add_error("file", gettext("Choose the PDF file to upload."))
        return cleaned


class DocumentInline(admin.TabularInline):
    model = Document
    form = DocumentForm
    fields = ["public", "file", "versions_list"]
    readonly_fields = ["versions_list"]
    extra = 1
    # One document per record: its signed agreement, or its minutes.
    max_num = 1
    can_delete = False
    verbose_name = _("document")
    verbose_name_plural = _("documents (PDF, private unless public)")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("versions")

    @admin.display(description=_("versions"))
    def versions_list(self, obj):
        if obj.pk is None:
            return "—"
        return format_html_join(
            ", ",
            '<a href="{}">v{} {}</a>',
            (
                (version.get_absolute_url(), version.number, version.original_name)
                for version in obj.versions.all()
            ),
        )


class DocumentsAdminMixin:
    """Saves the documents inline through the services (never formset.save())."""

    def save_formset(self, request, form, formset, change):
        if formset.model is not Document:
            return super().save_formset(request, form, formset, change)
        formset.new_objects, formset.changed_objects = [], []
        formset.deleted_objects = []
        for document_form in formset.forms:
            if not document_form.has_changed():
                continue
            upload = document_form.cleaned_data.get("file")
            public = document_form.cleaned_data.get("public", False)
            if upload:
                version = document_upload(
                    subject=formset.instance,
                    upload=upload,
                    public=public,
                    by=request.user,
                )
                if version.number == 1:
                    formset.new_objects.append(version.document)
                else:
                    formset.changed_objects.append((version.document, ["file"]))
            elif document_form.instance.pk:
                document_set_public(document=document_form.instance, public=public)
                formset.changed_objects.append((document_form.instance, ["public"]))
        return None


class AllianceWithDocumentsAdmin(DocumentsAdminMixin, AllianceAdmin):
    inlines = [*AllianceAdmin.inlines, DocumentInline]


class MeetingWithDocumentsAdmin(DocumentsAdminMixin, MeetingAdmin):
    inlines = [*MeetingAdmin.inlines, DocumentInline]


admin.site.unregister(Alliance)
admin.site.register(Alliance, AllianceWithDocumentsAdmin)
admin.site.unregister(Meeting)
admin.site.register(Meeting, MeetingWithDocumentsAdmin)
