"""API fields of an image (core.images): shown as its renditions' URLs, written
as a multipart upload validated by the same prepare() as the forms."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.images import image_info, prepare


@extend_schema_field(
    {
        "type": "object",
        "nullable": True,
        "properties": {
            "url": {"type": "string", "format": "uri"},
            "width": {"type": "integer"},
            "height": {"type": "integer"},
            "srcset": {"type": "string"},
        },
    }
)
class ImageInfoField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return image_info(value, self.context["request"])

    def get_attribute(self, instance):
        return super().get_attribute(instance) or None


class ImageUploadField(serializers.FileField):
    """A JPEG, PNG or WebP file (multipart/form-data); its validated
    renditions (core.images.PreparedImage), not yet stored."""

    def to_internal_value(self, data):
        upload = super().to_internal_value(data)
        try:
            return prepare(upload)
        except ValidationError as error:
            raise serializers.ValidationError(list(error.messages)) from None
