"""A rendition's URL is the one reverse() gives for serve()'s route, in any
language and under a script prefix, without a reverse() for each."""

import pytest
from django.test import Client
from django.urls import get_script_prefix, reverse, set_script_prefix
from django.utils import translation

from core.images import StoredImage

IMAGE = StoredImage("0123456789abcdef0123456789abcdef", 1280, 720)


def reversed_url(width: int, ext: str) -> str:
    return reverse("media-image", kwargs={"name": IMAGE.name(width, ext)})


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_each_rendition_s_url_is_its_route_s(language):
    with translation.override(language):
        for width in IMAGE.widths:
            for ext in ("jpg", "webp"):
                assert IMAGE.url(width, ext) == reversed_url(width, ext)
        assert IMAGE.url() == reversed_url(1280, "jpg")


def test_under_a_script_prefix_too():
    before = get_script_prefix()
    set_script_prefix("/members/")
    try:
        assert IMAGE.url(320, "webp") == reversed_url(320, "webp")
        assert IMAGE.url(320, "webp").startswith("/members/media/images/")
    finally:
        set_script_prefix(before)


def test_the_url_reaches_serve():
    # No file behind this key: serve() itself answers, with its 404.
    response = Client().get(IMAGE.url(640, "webp"))

    assert response.status_code == 404
    assert response.resolver_match.url_name == "media-image"
