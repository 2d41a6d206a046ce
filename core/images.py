"""Public images (a news post's lead image, a city's emblem and photo): one
validation for the admin, the portal and the API, renditions made once at
upload with Pillow, stored in the "media" storage under content-hashed names.

Pillow directly rather than a thumbnail library: the pages need three widths in
two formats, made once; a library that resizes on first view (sorl, easy-
thumbnails) would keep a cache table and open the original at request time.

The value stored on the model is "<key>:<width>x<height>" (ImageKeyField): the
key is an HMAC of the cleaned pixels (a draft's image has no guessable URL),
the size that of the largest rendition; the names of the renditions follow.
"""

import contextlib
import hashlib
import hmac
import io
import re
import threading
import warnings
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import models
from django.urls import get_script_prefix
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from core.content import source_column

STORAGE = "media"
FOLDER = "images"
WIDTHS = (320, 640, 1280)
FORMATS = {"webp": "WEBP", "jpg": "JPEG"}
ALLOWED = {"JPEG", "PNG", "WEBP"}
NAME = re.compile(r"^(?P<key>[0-9a-f]{32})-(?P<width>[0-9]{1,4})\.(?P<ext>webp|jpg)$")
VALUE = re.compile(
    r"^(?P<key>[0-9a-f]{32}):(?P<width>[0-9]{1,4})x(?P<height>[0-9]{1,5})$"
)

NOT_AN_IMAGE = _("Upload a JPEG, PNG or WebP image; this file is not one.")
TOO_LARGE = _("The file is larger than %(limit)s MB.")
TOO_MANY_PIXELS = _(
    "The image is too large (at most %(side)s pixels a side and %(megapixels)s "
    "megapixels)."
)
TOO_SMALL = _("The image is too small (at least %(side)s pixels a side).")
ALT_REQUIRED = _("Describe the image for those who cannot see it.")
ALT_REQUIRED_IN = {
    "fr": _("Describe the image in French as well, for those who cannot see it."),
    "es": _("Describe the image in Spanish as well, for those who cannot see it."),
}
UPLOAD_HELP = _(
    "JPEG, PNG or WebP, at most 5 MB; stored without its metadata (location, "
    "camera), in widths of up to 1280 pixels."
)


def missing_alt_text(obj, field: str) -> dict[str, str]:
    """The alt text an image of `obj` still needs, as errors keyed by column:
    one per language of the site (a French page describes its image in
    French), the English one under the field's own name."""
    errors = {}
    if not getattr(obj, source_column(field)):
        errors[field] = ALT_REQUIRED
    for language, message in ALT_REQUIRED_IN.items():
        column = build_localized_fieldname(field, language)
        if not getattr(obj, column):
            errors[column] = message
    return errors


def served_path() -> str:
    """Where serve() answers, under the site's root: MEDIA_URL's images
    folder. metropolis/urls.py declares serve()'s route with it, and
    StoredImage.url() joins a rendition's name to it."""
    return f"{settings.MEDIA_URL.strip('/')}/{FOLDER}/"


def widths_for(width: int) -> list[int]:
    """The rendition widths of an image `width` pixels wide at its largest."""
    return sorted({min(w, width) for w in WIDTHS})


@dataclass(frozen=True)
class StoredImage:
    key: str
    width: int
    height: int

    def __str__(self):
        return f"{self.key}:{self.width}x{self.height}"

    def __len__(self):  # the column's max_length validator
        return len(str(self))

    @property
    def widths(self) -> list[int]:
        return widths_for(self.width)

    def name(self, width: int, ext: str = "jpg") -> str:
        return f"{self.key}-{width}.{ext}"

    def url(self, width: int | None = None, ext: str = "jpg") -> str:
        # Seven URLs a picture, two images a row of a list: the route's own
        # path joined here, not a reverse() each (tests/images/test_urls.py).
        name = self.name(width or self.width, ext)
        return f"{get_script_prefix()}{served_path()}{name}"

    def srcset(self, ext: str = "jpg") -> str:
        return ", ".join(f"{self.url(w, ext)} {w}w" for w in self.widths)

    def height_at(self, width: int) -> int:
        return max(1, round(self.height * width / self.width))


class ImageKeyField(models.CharField):
    """A StoredImage in one column ("" when there is none)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 50)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if isinstance(value, StoredImage) or not value:
            return value or None
        match = VALUE.match(value)
        if not match:
            return None
        return StoredImage(match["key"], int(match["width"]), int(match["height"]))

    def get_prep_value(self, value):
        return str(value) if value else ""


@dataclass
class PreparedImage:
    """An upload that passed validation: its renditions in memory, not stored."""

    image: StoredImage
    files: dict[str, bytes]


def _limits():
    return (
        getattr(settings, "IMAGES_MAX_UPLOAD_SIZE", 5 * 1024 * 1024),
        getattr(settings, "IMAGES_MAX_SIDE", 6000),
        getattr(settings, "IMAGES_MAX_PIXELS", 24_000_000),
    )


_DECODING = threading.Lock()


@contextlib.contextmanager
def _whole_files_only():
    """Decode with Pillow's refusal of truncated files on. WeasyPrint (the
    invoice PDFs) turns ImageFile.LOAD_TRUNCATED_IMAGES on for the whole
    process when it is imported; an upload must be a whole image all the
    same. The flag is Pillow's only switch, hence the lock around it."""
    with _DECODING:
        before = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = before


def prepare(upload) -> PreparedImage:
    """Validate `upload` (a Django UploadedFile) and make its renditions.

    Raises ValidationError (to be put on the upload's field) for a file that is
    too large, not a JPEG, PNG or WebP image, truncated, or larger in pixels
    than the limits (a decompression bomb is refused before it is decoded).
    The file's name is never used; EXIF and all other metadata are dropped.
    """
    max_bytes, max_side, max_pixels = _limits()
    if upload.size is None or upload.size > max_bytes:
        raise ValidationError(
            TOO_LARGE, code="too_large", params={"limit": max_bytes // (1024 * 1024)}
        )
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValidationError(
            TOO_LARGE, code="too_large", params={"limit": max_bytes // (1024 * 1024)}
        )
    too_many = ValidationError(
        TOO_MANY_PIXELS,
        code="too_many_pixels",
        params={"side": max_side, "megapixels": max_pixels // 1_000_000},
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=sorted(ALLOWED))
            width, height = image.size
            if width > max_side or height > max_side or width * height > max_pixels:
                raise too_many
            if min(width, height) < 16:
                raise ValidationError(TOO_SMALL, code="too_small", params={"side": 16})
            with _whole_files_only():
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_many from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from None
    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in ("RGBA", "LA") or "transparency" in image.info
    image = image.convert("RGBA" if has_alpha else "RGB")
    flat = image
    if has_alpha:
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A"))
    key = hmac.new(
        settings.SECRET_KEY.encode(), image.tobytes(), hashlib.sha256
    ).hexdigest()[:32]
    largest = min(image.width, WIDTHS[-1])
    stored = StoredImage(
        key, largest, max(1, round(image.height * largest / image.width))
    )
    files = {}
    for width in stored.widths:
        size = (width, stored.height_at(width))
        for ext, fmt in FORMATS.items():
            source = image if fmt == "WEBP" else flat
            out = io.BytesIO()
            # A new image holds no EXIF, XMP or ICC text: nothing is passed on.
            source.resize(size, Image.Resampling.LANCZOS).save(
                out, fmt, quality=82, optimize=fmt == "JPEG"
            )
            files[stored.name(width, ext)] = out.getvalue()
    return PreparedImage(stored, files)


def store(prepared: PreparedImage) -> StoredImage:
    """Write the renditions (once: the same image has the same names)."""
    storage = storages[STORAGE]
    for name, content in prepared.files.items():
        path = f"{FOLDER}/{name}"
        if not storage.exists(path):
            storage.save(path, ContentFile(content))
    return prepared.image


def clear_missing(obj) -> list[str]:
    """Clear the images of `obj` whose files are gone from the storage (a past
    version's image pruned since, core.image_pruning); the fields cleared.
    One request to the storage an image."""
    cleared = []
    for model_field in obj._meta.concrete_fields:
        image = getattr(obj, model_field.attname)
        if not isinstance(model_field, ImageKeyField) or not image:
            continue
        if not storages[STORAGE].exists(f"{FOLDER}/{image.name(image.width)}"):
            setattr(obj, model_field.attname, None)
            cleared.append(model_field.name)
    return cleared


def prepare_field(form, field: str):
    """A form's clean_<field>: the upload validated, or None when none came."""
    upload = form.cleaned_data.get(field)
    if not upload:
        return None
    return prepare(upload)


def serve(request, name: str):
    """A rendition, with a year's cache: its name changes with its content.
    Any name outside the pattern is a 404 (no path reaches the storage). Read
    through the storage API only, so a bucket with no local path serves too."""
    from django.http import FileResponse, Http404

    match = NAME.match(name)
    if not match:
        raise Http404
    try:
        # Opened straight away: asking exists() first would be one more round
        # trip to a bucket on every image of every page.
        file = storages[STORAGE].open(f"{FOLDER}/{name}", "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        file,
        content_type="image/webp" if match["ext"] == "webp" else "image/jpeg",
    )
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def upload_field(label) -> forms.FileField:
    """The form field of an image upload (validated by ImageUploadFormMixin)."""
    return forms.FileField(
        label=label,
        required=False,
        help_text=UPLOAD_HELP,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp"}
        ),
    )


# How an image loads: in a list, when it comes into view; a page's own lead
# image (the first thing seen), at once and before the others.
LAZY = 'loading="lazy" decoding="async"'
LEAD = 'fetchpriority="high" decoding="async"'


def image_tag(
    image: StoredImage | None,
    *,
    alt: str,
    sizes: str,
    css: str = "",
    lead: bool = False,
):
    """A <picture>: WebP renditions with JPEG beside them for older browsers,
    its size written (no layout shift), loaded when it comes into view — or
    at once, first, when it `lead`s the page."""
    if not image:
        return ""
    return format_html(
        '<picture{}><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" '
        + (LEAD if lead else LAZY)
        + "></picture>",
        format_html(' class="{}"', css) if css else "",
        image.srcset("webp"),
        sizes,
        image.url(image.widths[0]),
        image.srcset("jpg"),
        sizes,
        image.width,
        image.height,
        alt,
    )


class ImageUploadFormMixin:
    """For a ModelForm with upload fields (upload_field()) named in
    `image_uploads` (upload field → model ImageKeyField): each upload
    validated by prepare(), its error on its field; a valid one is set on
    the instance before the model's clean() (which asks for its alt text)
    and kept in `prepared_images` for the service to store."""

    image_uploads: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.prepared_images: dict[str, PreparedImage] = {}

    def clean(self):
        cleaned_data = super().clean()
        for upload, model_field in self.image_uploads.items():
            if not cleaned_data.get(upload):
                continue
            try:
                prepared = prepare(cleaned_data[upload])
            except ValidationError as error:
                self.add_error(upload, error)
                continue
            self.prepared_images[model_field] = prepared
            setattr(self.instance, model_field, prepared.image)
        return cleaned_data


def rendition_size(image: StoredImage, width: int | None = None, ext: str = "jpg"):
    """The bytes of a stored rendition (0 when it is missing)."""
    path = f"{FOLDER}/{image.name(width or image.width, ext)}"
    try:
        return storages[STORAGE].size(path)
    except OSError:
        return 0


def image_info(image: StoredImage | None, request) -> dict | None:
    """An image as the API shows it: absolute URLs on this site."""
    if not image:
        return None
    absolute = request.build_absolute_uri
    return {
        "url": absolute(image.url()),
        "width": image.width,
        "height": image.height,
        "srcset": ", ".join(
            f"{absolute(image.url(w, 'webp'))} {w}w" for w in image.widths
        ),
    }
