from django.urls import reverse
from rest_framework import serializers
from rest_framework.fields import empty

from documents.models import Document, DocumentVersion


class VersionSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name")
    download = serializers.SerializerMethodField()

    class Meta:
        model = DocumentVersion
        fields = ["number", "name", "size", "sha256", "uploaded_at", "download"]

    def get_download(self, version) -> str:
        url = reverse(
            "api:document-version-download",
            kwargs={"pk": version.document_id, "number": version.number},
        )
        return self.context["request"].build_absolute_uri(url)


class DocumentSerializer(serializers.ModelSerializer):
    """A document with its versions, newest first."""

    versions = VersionSerializer(many=True, read_only=True)
    download = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = ["id", "kind", "public", "download", "versions"]

    def get_download(self, document) -> str:
        """The latest version."""
        url = reverse("api:document-download", kwargs={"pk": document.pk})
        return self.context["request"].build_absolute_uri(url)


class OptionalBooleanField(serializers.BooleanField):
    # Left out of a multipart form: not given (None), rather than False.
    default_empty_html = empty


class UploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="The PDF (multipart/form-data).")
    kind = serializers.ChoiceField(choices=Document.Kind.choices, required=False)
    public = OptionalBooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Everyone may download it; left out: unchanged (new: no).",
    )
