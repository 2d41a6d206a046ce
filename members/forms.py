"""The form fields of a city's emblem and photo, shared by the admin and the
portal: an upload each (core.images), and a box to remove what is there."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.images import ImageUploadFormMixin, PreparedImage, upload_field
from members.models import IMAGE_FIELDS

# The form fields, in the order they are shown.
IMAGE_FORM_FIELDS = ("emblem_upload", "emblem_remove", "photo_upload", "photo_remove")
BOTH = _("Upload a new image or remove this one, not both.")


class CityImagesFormMixin(ImageUploadFormMixin, forms.Form):
    """For a MemberCity ModelForm: `image_changes()` gives member_save() its
    `images` (a validated upload, or None for a removal). A Form, so that
    its fields are declared fields of the ModelForm it is mixed into."""

    image_uploads = {f"{field}_upload": field for field in IMAGE_FIELDS}
    emblem_upload = upload_field(_("emblem"))
    emblem_remove = forms.BooleanField(label=_("Remove the emblem"), required=False)
    photo_upload = upload_field(_("photo"))
    photo_remove = forms.BooleanField(label=_("Remove the photo"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A box to remove an image only where there is one.
        for field in IMAGE_FIELDS:
            if not getattr(self.instance, field, None):
                self.fields.pop(f"{field}_remove", None)

    def clean(self):
        cleaned_data = super().clean()
        for field in IMAGE_FIELDS:
            if not cleaned_data.get(f"{field}_remove"):
                continue
            if cleaned_data.get(f"{field}_upload"):
                self.add_error(f"{field}_remove", BOTH)
            else:
                # Before the model's clean(): a photo removed needs no alt text.
                setattr(self.instance, field, None)
        return cleaned_data

    def changed_columns(self) -> list[str]:
        """changed_data without the image fields (member_save() adds the
        images' columns it writes)."""
        return [name for name in self.changed_data if name not in IMAGE_FORM_FIELDS]

    def image_changes(self) -> dict[str, PreparedImage | None]:
        changes: dict[str, PreparedImage | None] = dict(self.prepared_images)
        for field in IMAGE_FIELDS:
            if self.cleaned_data.get(f"{field}_remove"):
                changes[field] = None
        return changes
