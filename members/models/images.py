"""A member city's emblem and photo (core.images): the columns and the rule
on their texts, kept beside the city's other fields (cities.py)."""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.content import source_column
from core.images import ALT_REQUIRED, ImageKeyField

# The city's images, by their column; `<field>_upload` is each one's upload in
# the admin, the portal and the API.
IMAGE_FIELDS = ("emblem", "photo")
# The photo's texts, emptied with it when it is removed.
PHOTO_TEXTS = ("photo_alt", "photo_caption")


class CityImages(models.Model):
    """The columns of MemberCity's images. Set by members.services.member_save
    from a validated upload, never typed in."""

    emblem = ImageKeyField(_("emblem"))
    photo = ImageKeyField(_("photo"))
    photo_alt = models.CharField(
        _("photo alt text"),
        max_length=250,
        blank=True,
        help_text=_("What the photo shows, for those who cannot see it."),
    )
    photo_caption = models.CharField(
        _("photo caption and credit"), max_length=250, blank=True
    )

    class Meta:
        abstract = True

    @property
    def emblem_alt(self) -> str:
        """The emblem's alt text: an emblem shows nothing but the city it
        stands for, so its name says it in every language."""
        return gettext("Emblem of %(city)s") % {"city": self.name}

    @property
    def og_image(self):
        """The picture a link to the city's page shows: the photo, else the
        emblem (None for neither)."""
        return self.photo or self.emblem or None

    @property
    def og_image_alt(self) -> str:
        return self.photo_alt if self.photo else self.emblem_alt

    def image_errors(self) -> dict[str, str]:
        """clean()'s rule for the images: a photo has its English alt text
        (French and Spanish fall back to it)."""
        if self.photo and not getattr(self, source_column("photo_alt")):
            return {"photo_alt": ALT_REQUIRED}
        return {}
