"""The demo's pictures, drawn here with Pillow when the demo loads (see
PICTURES.md beside this file for their licence): an abstract skyline per news
category and per city, in the colours of the map, and an illustrative emblem
per city. Never a real photograph or a real municipal emblem.

Drawn from the name alone (a seeded random.Random, no clock), so each run
draws the same pixels, hence the same content-hashed key (core.images), and
a second `load_demo` finds every image as it left it.
"""

import functools
import io
import random

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFont

from core.images import PreparedImage, StoredImage, prepare, store

SIZE = (1280, 720)
EMBLEM_SIZE = 512
# The map's colours (Okabe and Ito, publicdata.maps.PALETTE), given to the
# regions in name order as the map gives them.
REGION_COLOURS = {
    "africa": "#0072B2",
    "asia-pacific": "#D55E00",
    "europe": "#009E73",
    "latin-america-caribbean": "#CC79A7",
    "north-america": "#E69F00",
}
CATEGORY_COLOURS = {
    "members": "#0072B2",
    "events": "#D55E00",
    "governance": "#009E73",
    "alliances": "#CC79A7",
    "urban-innovation": "#E69F00",
}
OTHER_COLOUR = "#56B4E9"

# The texts that go with them, in English, French and Spanish.
CAPTION = {
    "en": "Illustration drawn by the demo",
    "fr": "Illustration dessinée par la démo",
    "es": "Ilustración dibujada por la demo",
}
REFERENCE_CAPTION = {
    "en": "Illustration drawn by the demo, not a photograph of the signing",
    "fr": "Illustration dessinée par la démo, pas une photographie de la signature",
    "es": "Ilustración dibujada por la demo, no una fotografía de la firma",
}
SKYLINE_ALT = {
    "en": "An abstract drawing of a city skyline under a pale sky",
    "fr": "Un dessin abstrait de la silhouette d'une ville sous un ciel pâle",
    "es": "Un dibujo abstracto del perfil de una ciudad bajo un cielo pálido",
}


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def _mix(colour, other, share: float) -> tuple[int, int, int]:
    return tuple(round(a + (b - a) * share) for a, b in zip(colour, other, strict=True))


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def draw_skyline(seed: str, colour: str) -> bytes:
    """A PNG of SIZE: a pale sky, a sun, hills and three rows of towers in
    shades of `colour`, laid out by `seed`."""
    rng = random.Random(f"skyline:{seed}")
    base, white, ink = _rgb(colour), (255, 255, 255), (25, 30, 40)
    width, height = SIZE
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    for y in range(height):  # the sky, paler towards the horizon
        draw.line([(0, y), (width, y)], fill=_mix(base, white, 0.55 + 0.4 * y / height))
    sun_x, sun_y = rng.randint(160, width - 160), rng.randint(90, 220)
    draw.ellipse(
        [sun_x - 70, sun_y - 70, sun_x + 70, sun_y + 70],
        fill=_mix(base, white, 0.9),
    )
    hill = [(0, height)]
    for x in range(0, width + 80, 80):
        hill.append((x, int(height * 0.62) + rng.randint(-30, 30)))
    hill.append((width, height))
    draw.polygon(hill, fill=_mix(base, white, 0.35))
    for row, (share, low, high) in enumerate(
        [(0.25, 140, 300), (0.05, 180, 380), (0.0, 120, 260)]
    ):
        shade = _mix(_mix(base, ink, 0.25 * row), white, share)
        window = _mix(shade, white, 0.45)
        x = rng.randint(-40, 0)
        while x < width:
            tower_width = rng.randint(50, 120)
            top = height - 40 * row - rng.randint(low, high)
            draw.rectangle([x, top, x + tower_width, height], fill=shade)
            for wy in range(top + 14, height - 20, 28):
                for wx in range(x + 10, x + tower_width - 14, 22):
                    if rng.random() < 0.55:
                        draw.rectangle([wx, wy, wx + 8, wy + 12], fill=window)
            x += tower_width + rng.randint(4, 30)
    draw.rectangle([0, height - 36, width, height], fill=_mix(base, ink, 0.6))
    return _png(image)


def draw_emblem(name: str, colour: str) -> bytes:
    """A PNG, EMBLEM_SIZE square: a shield in `colour` with a white band and
    two letters of `name`. Illustrative, on purpose: no real emblem."""
    size = EMBLEM_SIZE
    base, white = _rgb(colour), (255, 255, 255)
    image = Image.new("RGB", (size, size), white)
    draw = ImageDraw.Draw(image)
    shield = [(36, 24), (476, 24), (476, 270), (256, 496), (36, 270)]
    draw.polygon(shield, fill=base, outline=_mix(base, (0, 0, 0), 0.4), width=12)
    draw.rectangle([50, 64, 462, 104], fill=white)
    words = name.split()
    # Two letters: a one-word name's first two (Barcelona and Berlin differ).
    initials = "".join(w[0] for w in words)[:2] if len(words) > 1 else name[:2]
    font = ImageFont.load_default(size=230)
    draw.text(
        (256, 250),
        initials.upper(),
        fill=white,
        font=font,
        anchor="mm",
        stroke_width=6,
        stroke_fill=white,
    )
    return _png(image)


@functools.lru_cache(maxsize=64)
def _prepared(kind: str, seed: str, colour: str, secret: str) -> PreparedImage:
    # Drawn and resized once a process: load_demo runs many times in tests.
    # The secret is part of the key: the image's name is an HMAC under it.
    data = draw_emblem(seed, colour) if kind == "emblem" else draw_skyline(seed, colour)
    return prepare(SimpleUploadedFile(f"{kind}.png", data, content_type="image/png"))


def picture(kind: str, seed: str, colour: str) -> StoredImage:
    """The drawing, its renditions in the "media" storage (written when
    missing), as a model's ImageKeyField holds it."""
    return store(_prepared(kind, seed, colour, settings.SECRET_KEY))


def _texts(field: str, texts: dict[str, str]) -> dict[str, str]:
    return {
        field if lang == "en" else f"{field}_{lang}": text
        for lang, text in texts.items()
    }


def post_picture(category: str) -> dict:
    """An illustrative news post's lead image and its texts."""
    colour = CATEGORY_COLOURS.get(category, OTHER_COLOUR)
    return {
        "lead_image": picture("skyline", f"category:{category}", colour),
        **_texts("lead_image_alt", SKYLINE_ALT),
        **_texts("lead_image_caption", CAPTION),
    }


def reference_post_picture() -> dict:
    """The reference post's lead image: an illustration, captioned as one
    (the post's real photograph is not the demo's to ship)."""
    return {
        "lead_image": picture(
            "skyline", "reference:guangzhou", REGION_COLOURS["asia-pacific"]
        ),
        **_texts("lead_image_alt", SKYLINE_ALT),
        **_texts("lead_image_caption", REFERENCE_CAPTION),
    }


def city_pictures(slug: str, name: str, region: str) -> dict:
    """A city's illustrative emblem and photo, in its region's colour."""
    colour = REGION_COLOURS.get(region, OTHER_COLOUR)
    return {
        "emblem": picture("emblem", name, colour),
        "photo": picture("skyline", f"city:{slug}", colour),
        **_texts("photo_alt", SKYLINE_ALT),
        **_texts("photo_caption", CAPTION),
    }
