"""Uploads refused (and nothing stored) or accepted without their metadata,
through the portal's proposal form and the admin's post form."""

import io
import random
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import translation
from PIL import Image

from news.models import NewsPost
from tests import factories
from tests.admin_utils import admin_url, changeform_data
from tests.images.conftest import bomb_png, jpeg_bytes, stored_files, upload

pytestmark = pytest.mark.django_db

NEW = reverse("portal:proposal-create")


@pytest.fixture
def data():
    category = factories.CategoryFactory(name="Urban Innovation")
    return {
        "title": "Guangzhou opens a climate lab",
        "category": category.pk,
        "summary": "A lab for the Pearl River Delta.",
        "body": "The lab opens in May.",
        "lead_image_alt": "The lab's glass front at dusk",
        "lead_image_alt_fr": "La façade vitrée du laboratoire au crépuscule",
        "lead_image_alt_es": "La fachada de vidrio del laboratorio al anochecer",
    }


def refused(response, media) -> str:
    assert response.status_code == HTTPStatus.OK
    assert not NewsPost.objects.exists()
    assert stored_files(media) == []
    return " ".join(response.context["form"].errors["lead_image_upload"])


def test_a_text_file_is_refused(liaison_client, data, media):
    file = upload(b"just some words, not a picture", "notes.jpg")

    response = liaison_client.post(NEW, {**data, "lead_image_upload": file})

    assert "this file is not one" in refused(response, media)
    assert "Lead image" in response.content.decode()


def test_a_truncated_jpeg_is_refused(liaison_client, data, media):
    file = upload(jpeg_bytes()[:700])

    response = liaison_client.post(NEW, {**data, "lead_image_upload": file})

    assert "this file is not one" in refused(response, media)


def test_a_truncated_jpeg_is_refused_after_weasyprint_is_loaded(
    liaison_client, data, media, monkeypatch
):
    """WeasyPrint turns Pillow's LOAD_TRUNCATED_IMAGES on for the process."""
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    file = upload(jpeg_bytes()[:700])

    response = liaison_client.post(NEW, {**data, "lead_image_upload": file})

    assert "this file is not one" in refused(response, media)
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True


def test_a_decompression_bomb_is_refused_before_decoding(liaison_client, data, media):
    file = upload(bomb_png(), "bomb.png", "image/png")

    response = liaison_client.post(NEW, {**data, "lead_image_upload": file})

    assert "The image is too large" in refused(response, media)


def test_an_oversize_file_is_refused(liaison_client, data, media, settings):
    settings.IMAGES_MAX_UPLOAD_SIZE = 1024 * 1024
    noise = Image.frombytes(
        "RGB", (700, 700), random.Random(0).randbytes(700 * 700 * 3)
    )
    out = io.BytesIO()
    noise.save(out, "PNG")
    assert len(out.getvalue()) > 1024 * 1024

    response = liaison_client.post(
        NEW, {**data, "lead_image_upload": upload(out.getvalue(), "big.png")}
    )

    assert "larger than 1 MB" in refused(response, media)


def test_a_path_traversal_name_is_never_used(liaison_client, data, media):
    file = upload(b"#!/bin/sh\nrm -rf /\n", "../../../etc/cron.d/evil.jpg")

    response = liaison_client.post(NEW, {**data, "lead_image_upload": file})

    assert "this file is not one" in refused(response, media)
    assert not (media.parent / "etc").exists()


def test_a_good_image_under_a_traversal_name_is_stored_under_its_hash(
    liaison_client, data, media
):
    file = upload(jpeg_bytes(), "../../../etc/evil.jpg")

    liaison_client.post(NEW, {**data, "lead_image_upload": file})

    post = NewsPost.objects.get()
    names = stored_files(media)
    assert names and all(n.startswith(f"images/{post.lead_image.key}-") for n in names)
    assert not any("evil" in n for n in names)


def test_the_stored_renditions_hold_no_exif_or_location(liaison_client, data, media):
    original = jpeg_bytes((1600, 1200), gps=True)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)

    liaison_client.post(NEW, {**data, "lead_image_upload": upload(original)})

    names = stored_files(media)
    assert names == [
        f"images/{NewsPost.objects.get().lead_image.key}-{w}.{ext}"
        for w in (1280, 320, 640)
        for ext in ("jpg", "webp")
    ]
    for name in names:
        content = (media / name).read_bytes()
        assert b"Exif" not in content and b"PhoneMaker" not in content
        assert not Image.open(media / name).getexif()


def test_alt_text_is_required_with_an_image(liaison_client, data, media):
    response = liaison_client.post(
        NEW,
        {**data, "lead_image_alt": "", "lead_image_upload": upload(jpeg_bytes())},
    )

    assert response.status_code == HTTPStatus.OK
    errors = response.context["form"].errors
    assert errors["lead_image_alt"] == [
        "Describe the image for those who cannot see it."
    ]
    assert not NewsPost.objects.exists()


def test_each_language_describes_the_image_in_its_own_words(
    liaison_client, data, media, client
):
    liaison_client.post(NEW, {**data, "lead_image_upload": upload(jpeg_bytes())})
    post = NewsPost.objects.get()
    post.status = NewsPost.Status.PUBLISHED
    post.published_at = post.created_at
    post.save()

    with translation.override("fr"):
        french = client.get(post.get_absolute_url())

    page = french.content.decode()
    assert 'alt="La façade vitrée du laboratoire au crépuscule"' in page
    assert "glass front" not in page


@pytest.mark.parametrize(
    ("column", "message"),
    [
        (
            "lead_image_alt_fr",
            "Describe the image in French as well, for those who cannot see it.",
        ),
        (
            "lead_image_alt_es",
            "Describe the image in Spanish as well, for those who cannot see it.",
        ),
    ],
)
def test_alt_text_is_required_in_every_language(
    liaison_client, data, media, column, message
):
    response = liaison_client.post(
        NEW, {**data, column: "", "lead_image_upload": upload(jpeg_bytes())}
    )

    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors[column] == [message]
    assert not NewsPost.objects.exists()
    assert stored_files(media) == []


def test_the_admin_stores_an_upload_with_its_alt_texts(editor_client, media):
    post = factories.NewsPostFactory(title="Forum in Seoul")
    url = admin_url("news.newspost", "change", post.pk)
    data = changeform_data(editor_client.get(url))
    data.update(
        lead_image_upload=upload(jpeg_bytes()),
        lead_image_alt="Delegates in the forum's hall",
        lead_image_alt_fr="Les délégués dans la salle du forum",
        lead_image_alt_es="Los delegados en la sala del foro",
        lead_image_caption="Photo: Metropolis",
    )

    response = editor_client.post(url, data)

    assert response.status_code == HTTPStatus.FOUND
    post.refresh_from_db()
    assert post.lead_image.width == 800
    assert post.lead_image_alt_fr == "Les délégués dans la salle du forum"
    assert len(stored_files(media)) == 6  # 320, 640 and 800 wide, JPEG and WebP


def test_the_admin_refuses_a_non_image_naming_the_field(editor_client, media):
    post = factories.NewsPostFactory(title="Forum in Seoul")
    url = admin_url("news.newspost", "change", post.pk)
    data = changeform_data(editor_client.get(url))
    data.update(lead_image_upload=upload(b"GIF89a", "x.gif"), lead_image_alt="x")

    response = editor_client.post(url, data)

    assert response.status_code == HTTPStatus.OK
    assert "lead_image_upload" in response.context["adminform"].form.errors
    assert stored_files(media) == []
    post.refresh_from_db()
    assert not post.lead_image
