"""A member city's emblem and photo (core.images): the columns and the rule
on their texts, kept beside the city's other fields (cities.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.images import ImageKeyField, missing_alt_text

# The city's images, by their column; `<field>_upload` is each one's upload in
# the admin, the portal and the API.
IMAGE_FIELDS = ("emblem", "photo")
# The photo's texts, emptied with it when it is removed.
PHOTO_TEXTS = ("photo_alt", "photo_caption")


# An emblem's alt text: an emblem shows nothing but the city it stands for,
# so its name says it, in the active language.
EMBLEM_ALT = _("Emblem of %(city)s")


def emblem_alt(city_name: str) -> str:
    return str(EMBLEM_ALT) % {"city": city_name}


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
        return emblem_alt(self.name)

    @property
    def og_image(self):
        """The picture a link to the city's page shows: the photo, else the
        emblem (None for neither)."""
        return self.photo or self.emblem or None

    @property
    def og_image_alt(self) -> str:
        return self.photo_alt if self.photo else self.emblem_alt

    def image_errors(self) -> dict[str, str]:
        """clean()'s rule for the images: a photo is described in every
        language of the site (core.images.missing_alt_text), as a post's lead
        image is; the emblem's alt text is its city's name."""
        if self.photo:
            return missing_alt_text(self, "photo_alt")
        return {}
