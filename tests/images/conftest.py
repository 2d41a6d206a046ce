"""Image fixtures: a media storage of the test's own, and files to upload."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """The "media" storage in a folder of this test (Django resets its
    storages when STORAGES changes)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "media": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }
    return tmp_path / "media"


def stored_files(root) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def jpeg_bytes(size=(800, 600), *, gps: bool = False) -> bytes:
    image = Image.new("RGB", size, (200, 80, 40))
    out = io.BytesIO()
    exif = Image.Exif()
    if gps:
        exif[ExifTags.Base.Make] = "PhoneMaker"
        exif.get_ifd(ExifTags.IFD.GPSInfo).update(
            {
                ExifTags.GPS.GPSLatitudeRef: "N",
                ExifTags.GPS.GPSLatitude: (41.0, 23.0, 12.0),
                ExifTags.GPS.GPSLongitudeRef: "E",
                ExifTags.GPS.GPSLongitude: (2.0, 10.0, 30.0),
            }
        )
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def upload(content: bytes, name: str = "photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def bomb_png() -> bytes:
    """A valid PNG header for a 40,000 × 40,000 image (1.6 billion pixels) and
    a few bytes of data: decoding it would take gigabytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 40_000, 40_000, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1000))
        + chunk(b"IEND", b"")
    )
