"""A member city's emblem and photo uploaded through the portal (by its own
liaison) and the admin: stored as renditions without metadata, refused with
the field named and nothing stored, the photo described in every language."""

import io
import random
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image

from core.images import prepare, store
from members.models import MemberCity
from tests.admin_utils import admin_url, changeform_data
from tests.images.conftest import bomb_png, jpeg_bytes, stored_files, upload
from tests.portal.test_profile import form_data

pytestmark = pytest.mark.django_db

PROFILE = reverse("portal:profile")
PHOTO_ALT = {
    "photo_alt": "The Canton Tower over the Pearl River",
    "photo_alt_fr": "La tour de Canton au-dessus de la rivière des Perles",
    "photo_alt_es": "La torre de Cantón sobre el río de las Perlas",
}


def emblem_bytes() -> bytes:
    """A square picture, not the photo's (another image, another key)."""
    image = Image.new("RGB", (400, 400), (20, 90, 160))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def with_images(member: MemberCity) -> MemberCity:
    member.emblem = store(prepare(upload(emblem_bytes(), "e.png", "image/png")))
    member.photo = store(prepare(upload(jpeg_bytes())))
    for column, text in PHOTO_ALT.items():
        setattr(member, column, text)
    member.photo_caption = "Photo: the city of Guangzhou"
    member.save()
    return member


def test_a_liaison_uploads_its_city_s_emblem_and_photo(liaison_client, member, media):
    data = {
        **form_data(member),
        **PHOTO_ALT,
        "photo_caption": "Photo: the city of Guangzhou",
        "emblem_upload": upload(emblem_bytes(), "emblem.png", "image/png"),
        "photo_upload": upload(jpeg_bytes()),
    }

    response = liaison_client.post(PROFILE, data)

    assert response.status_code == HTTPStatus.FOUND
    member.refresh_from_db()
    assert (member.emblem.width, member.emblem.height) == (400, 400)
    assert (member.photo.width, member.photo.height) == (800, 600)
    assert member.photo_alt_fr == PHOTO_ALT["photo_alt_fr"]
    # The emblem 320 and 400 wide, the photo 320, 640 and 800: JPEG and WebP.
    assert len(stored_files(media)) == 10
    assert member.history.latest().history_user.username == "liaison"


def test_a_liaison_s_upload_goes_to_its_own_city_only(
    client, other_liaison, member, other_member, media
):
    client.force_login(other_liaison)
    data = {**form_data(other_member), "emblem_upload": upload(emblem_bytes())}

    client.post(PROFILE, data)

    member.refresh_from_db()
    other_member.refresh_from_db()
    assert other_member.emblem and not member.emblem


def test_a_visitor_cannot_upload(client, member, media):
    data = {**form_data(member), "emblem_upload": upload(emblem_bytes())}

    response = client.post(PROFILE, data)

    assert response.status_code == HTTPStatus.FOUND
    assert reverse("login") in response["Location"]
    member.refresh_from_db()
    assert not member.emblem
    assert stored_files(media) == []


def big_png() -> bytes:
    """Noise, which no compression makes smaller than 1 MB."""
    noise = Image.frombytes("RGB", (700, 700), random.Random(0).randbytes(1_470_000))
    out = io.BytesIO()
    noise.save(out, "PNG")
    return out.getvalue()


REFUSED = [
    (
        "not an image",
        lambda: upload(b"just words", "notes.jpg"),
        "this file is not one",
    ),
    ("truncated", lambda: upload(jpeg_bytes()[:700]), "this file is not one"),
    ("bomb", lambda: upload(bomb_png(), "b.png", "image/png"), "image is too large"),
    ("oversize", lambda: upload(big_png(), "big.png", "image/png"), "larger than 1 MB"),
    (
        "path traversal",
        lambda: upload(b"#!/bin/sh\nrm -rf /\n", "../../../etc/cron.d/evil.jpg"),
        "this file is not one",
    ),
]


@pytest.mark.parametrize("field", ["emblem_upload", "photo_upload"])
@pytest.mark.parametrize(
    ("make", "message"),
    [(make, message) for _name, make, message in REFUSED],
    ids=[name for name, _make, _message in REFUSED],
)
def test_the_portal_refuses_a_bad_file_naming_the_field(
    liaison_client, member, media, settings, field, make, message
):
    settings.IMAGES_MAX_UPLOAD_SIZE = 1024 * 1024
    data = {**form_data(member, summary="Changed"), **PHOTO_ALT, field: make()}

    response = liaison_client.post(PROFILE, data)

    assert response.status_code == HTTPStatus.OK
    assert message in " ".join(response.context["form"].errors[field])
    assert stored_files(media) == []
    assert not (media.parent / "etc").exists()
    member.refresh_from_db()
    assert (member.emblem, member.photo) == (None, None)
    assert member.summary != "Changed"


def test_a_good_image_under_a_traversal_name_is_stored_under_its_hash(
    liaison_client, member, media
):
    data = {**form_data(member), "emblem_upload": upload(jpeg_bytes(), "../../x.jpg")}

    liaison_client.post(PROFILE, data)

    member.refresh_from_db()
    names = stored_files(media)
    assert names and all(n.startswith(f"images/{member.emblem.key}-") for n in names)


def test_the_photo_s_location_is_gone_from_its_renditions(
    liaison_client, member, media
):
    original = jpeg_bytes((1600, 1200), gps=True)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)
    data = {**form_data(member), **PHOTO_ALT, "photo_upload": upload(original)}

    liaison_client.post(PROFILE, data)

    member.refresh_from_db()
    names = stored_files(media)
    assert len(names) == 6 and all(member.photo.key in name for name in names)
    for name in names:
        content = (media / name).read_bytes()
        assert b"Exif" not in content and b"PhoneMaker" not in content
        assert not Image.open(media / name).getexif()


@pytest.mark.parametrize("column", ["photo_alt", "photo_alt_fr", "photo_alt_es"])
def test_a_photo_needs_its_alt_text_in_every_language(
    liaison_client, member, media, column
):
    data = {
        **form_data(member),
        **PHOTO_ALT,
        column: "",
        "photo_upload": upload(jpeg_bytes()),
    }

    response = liaison_client.post(PROFILE, data)

    assert response.status_code == HTTPStatus.OK
    assert "for those who cannot see it" in response.context["form"].errors[column][0]
    member.refresh_from_db()
    assert not member.photo
    assert stored_files(media) == []


def test_an_emblem_needs_no_alt_text(liaison_client, member, media):
    data = {**form_data(member), "emblem_upload": upload(emblem_bytes())}

    liaison_client.post(PROFILE, data)

    member.refresh_from_db()
    assert member.emblem and member.emblem_alt == "Emblem of Guangzhou"


def test_a_liaison_removes_the_photo_and_its_texts(liaison_client, member, media):
    with_images(member)
    data = {**form_data(member), **PHOTO_ALT, "photo_remove": "on"}

    response = liaison_client.post(PROFILE, data)

    assert response.status_code == HTTPStatus.FOUND
    member.refresh_from_db()
    assert member.photo is None and member.emblem is not None
    assert (member.photo_alt_en, member.photo_alt_fr, member.photo_caption) == (
        "",
        "",
        "",
    )


def test_uploading_and_removing_at_once_is_refused(liaison_client, member, media):
    with_images(member)
    data = {
        **form_data(member),
        "emblem_remove": "on",
        "emblem_upload": upload(jpeg_bytes((500, 500))),
    }

    response = liaison_client.post(PROFILE, data)

    assert "emblem_remove" in response.context["form"].errors
    member.refresh_from_db()
    assert member.emblem.width == 400


def test_no_box_removes_an_image_the_city_does_not_have(liaison_client, member):
    html = liaison_client.get(PROFILE).content.decode()

    assert 'name="emblem_upload"' in html and 'enctype="multipart/form-data"' in html
    assert 'name="emblem_remove"' not in html


def test_the_model_asks_for_the_photo_s_alt_text(member):
    member.photo = store(prepare(upload(jpeg_bytes())))

    with pytest.raises(ValidationError) as raised:
        member.full_clean()

    assert "photo_alt" in raised.value.message_dict


def admin_change(editor_client, member) -> tuple[str, dict]:
    url = admin_url("members.membercity", "change", member.pk)
    return url, changeform_data(editor_client.get(url))


def test_the_admin_stores_the_emblem_and_photo(editor_client, member, media):
    url, data = admin_change(editor_client, member)
    data.update(
        PHOTO_ALT,
        emblem_upload=upload(emblem_bytes(), "e.png", "image/png"),
        photo_upload=upload(jpeg_bytes()),
        photo_caption="Photo: Metropolis",
    )

    response = editor_client.post(url, data)

    assert response.status_code == HTTPStatus.FOUND
    member.refresh_from_db()
    assert member.emblem.width == 400 and member.photo.width == 800
    assert member.photo_caption == "Photo: Metropolis"
    assert len(stored_files(media)) == 10
    page = editor_client.get(url).content.decode()
    assert "Images" in page and f"/media/images/{member.photo.key}-320.jpg" in page
    assert 'name="photo_remove"' in page


def test_the_admin_refuses_a_non_image_naming_the_field(editor_client, member, media):
    url, data = admin_change(editor_client, member)
    data.update(emblem_upload=upload(b"GIF89a", "x.gif"))

    response = editor_client.post(url, data)

    assert response.status_code == HTTPStatus.OK
    assert "emblem_upload" in response.context["adminform"].form.errors
    assert stored_files(media) == []
    member.refresh_from_db()
    assert not member.emblem


def test_the_admin_removes_the_emblem(editor_client, member, media):
    with_images(member)
    url, data = admin_change(editor_client, member)
    data["emblem_remove"] = "on"

    response = editor_client.post(url, data)

    assert response.status_code == HTTPStatus.FOUND
    member.refresh_from_db()
    assert member.emblem is None and member.photo is not None
