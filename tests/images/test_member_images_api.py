"""A member city's emblem and photo through the API: multipart uploads on
PATCH /api/v1/members/{slug}/ by whoever may write the city, removals,
refusals as a 400 naming the field, and the images shown on the city and in
the list."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from tests import factories
from tests.images.conftest import bomb_png, jpeg_bytes, stored_files, upload
from tests.images.test_member_images import PHOTO_ALT, emblem_bytes, with_images

pytestmark = pytest.mark.django_db


def detail(member) -> str:
    return reverse("api:membercity-detail", args=[member.slug])


def images() -> dict:
    return {
        **PHOTO_ALT,
        "photo_caption": "Photo: the city of Guangzhou",
        "emblem_upload": upload(emblem_bytes(), "emblem.png", "image/png"),
        "photo_upload": upload(jpeg_bytes()),
    }


@pytest.mark.parametrize("persona", ["liaison", "write_key", "editor"])
def test_a_city_s_writers_upload_its_emblem_and_photo(
    client_as, member, media, persona
):
    response = client_as(persona).patch(detail(member), images(), format="multipart")

    assert response.status_code == HTTPStatus.OK, response.content
    body = response.json()
    member.refresh_from_db()
    assert body["emblem"]["url"] == (
        f"http://testserver/media/images/{member.emblem.key}-400.jpg"
    )
    assert (body["photo"]["width"], body["photo"]["height"]) == (800, 600)
    assert "-320.webp 320w" in body["photo"]["srcset"]
    assert body["photo_alt"] == PHOTO_ALT["photo_alt"]
    assert body["emblem_alt"] == "Emblem of Guangzhou"
    assert "emblem_upload" not in body
    assert len(stored_files(media)) == 10


@pytest.mark.parametrize("persona", ["anonymous", "read_key", "other_liaison"])
def test_no_one_else_uploads(client_as, member, media, persona):
    response = client_as(persona).patch(detail(member), images(), format="multipart")

    assert response.status_code in (HTTPStatus.UNAUTHORIZED, HTTPStatus.FORBIDDEN)
    member.refresh_from_db()
    assert (member.emblem, member.photo) == (None, None)
    assert stored_files(media) == []


def test_a_liaison_cannot_upload_through_another_city(liaison_api, other_member, media):
    response = liaison_api.patch(detail(other_member), images(), format="multipart")

    assert response.status_code == HTTPStatus.FORBIDDEN
    other_member.refresh_from_db()
    assert not other_member.emblem
    assert stored_files(media) == []


REFUSED = [
    ("not an image", lambda: upload(b"%PDF-1.7 not a picture", "city.jpg")),
    ("truncated", lambda: upload(jpeg_bytes()[:700])),
    ("bomb", lambda: upload(bomb_png(), "bomb.png", "image/png")),
    ("oversize", lambda: upload(jpeg_bytes((1200, 1200)))),
    ("path traversal", lambda: upload(b"#!/bin/sh\n", "../../../etc/evil.jpg")),
]


@pytest.mark.parametrize("field", ["emblem_upload", "photo_upload"])
@pytest.mark.parametrize("make", [m for _n, m in REFUSED], ids=[n for n, _m in REFUSED])
def test_a_bad_file_is_a_400_naming_the_field(
    writer, member, media, settings, field, make
):
    settings.IMAGES_MAX_UPLOAD_SIZE = 16 * 1024  # the 1200 × 1200 JPEG is more
    data = {**PHOTO_ALT, "summary": "Changed", field: make()}

    response = writer.patch(detail(member), data, format="multipart")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == [field]
    assert stored_files(media) == []
    assert not (media.parent / "etc").exists()
    member.refresh_from_db()
    assert (member.emblem, member.photo) == (None, None)
    assert member.summary != "Changed"


@pytest.mark.parametrize("column", ["photo_alt", "photo_alt_fr", "photo_alt_es"])
def test_a_photo_without_its_alt_text_is_a_400_naming_it(
    liaison_api, member, media, column
):
    data = {**images(), column: ""}

    response = liaison_api.patch(detail(member), data, format="multipart")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert column in response.json()["errors"]
    assert stored_files(media) == []


def test_photo_remove_removes_the_photo_with_its_texts(writer, member, media):
    with_images(member)

    response = writer.patch(detail(member), {"photo_remove": True}, format="json")

    assert response.status_code == HTTPStatus.OK, response.content
    assert response.json()["photo"] is None
    assert response.json()["emblem"] is not None
    member.refresh_from_db()
    assert (member.photo, member.photo_alt_fr, member.photo_caption) == (None, "", "")


def test_uploading_and_removing_at_once_is_a_400(liaison_api, member, media):
    with_images(member)
    data = {"emblem_remove": "true", "emblem_upload": upload(jpeg_bytes((500, 500)))}

    response = liaison_api.patch(detail(member), data, format="multipart")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == ["emblem_remove"]
    member.refresh_from_db()
    assert member.emblem.width == 400


def test_a_put_of_what_was_read_keeps_the_images(writer, member, media):
    with_images(member)
    body = writer.get(detail(member)).json()
    body["region_slug"] = member.region.slug

    response = writer.put(detail(member), body, format="json")

    assert response.status_code == HTTPStatus.OK, response.content
    member.refresh_from_db()
    assert member.photo.width == 800 and member.photo_alt == PHOTO_ALT["photo_alt"]


def test_a_patch_without_uploads_keeps_the_images(liaison_api, member, media):
    with_images(member)

    response = liaison_api.patch(detail(member), {"summary": "On the Pearl River."})

    assert response.status_code == HTTPStatus.OK
    member.refresh_from_db()
    assert member.emblem.width == 400 and member.photo.width == 800


def test_the_list_shows_each_image_as_the_city_does(api, member, other_member):
    with_images(member)

    rows = api.get(reverse("api:membercity-list")).json()["results"]
    shown = api.get(detail(member)).json()

    listed = next(row for row in rows if row["slug"] == "guangzhou")
    assert listed["photo"] == shown["photo"] and listed["photo"]["width"] == 800
    assert listed["emblem"] == shown["emblem"]
    dakar = next(row for row in rows if row["slug"] == "dakar")
    assert (dakar["emblem"], dakar["photo"]) == (None, None)


def test_the_french_list_shows_the_french_alt_texts(api, member):
    with_images(member)

    rows = api.get(reverse("api:membercity-list"), HTTP_ACCEPT_LANGUAGE="fr").json()[
        "results"
    ]

    assert rows[0]["photo_alt"] == PHOTO_ALT["photo_alt_fr"]
    assert rows[0]["emblem_alt"] == "Emblème de Guangzhou"


def make_cities(n: int) -> None:
    for city in factories.MemberCityFactory.create_batch(n):
        with_images(city)


def test_the_list_with_images_costs_the_same_queries_for_3_and_30(
    api, media, django_assert_max_num_queries
):
    make_cities(3)
    url = reverse("api:membercity-list")
    api.get(url, {"page_size": 100})  # the data versions cached
    with django_assert_max_num_queries(3):
        small = api.get(url, {"page_size": 100}, HTTP_ACCEPT_LANGUAGE="es")
    make_cities(27)

    with django_assert_max_num_queries(3):
        large = api.get(url, {"page_size": 100}, HTTP_ACCEPT_LANGUAGE="fr")

    assert len(small.json()["results"]) == 3
    results = large.json()["results"]
    assert len(results) == 30 and all(row["photo"] for row in results)


def test_the_schema_documents_the_multipart_upload():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)

    patch = schema["paths"]["/api/v1/members/{slug}/"]["patch"]
    content = patch["requestBody"]["content"]
    assert "multipart/form-data" in content
    ref = content["multipart/form-data"]["schema"]["$ref"].rsplit("/", 1)[1]
    properties = schema["components"]["schemas"][ref]["properties"]
    assert properties["photo_upload"]["format"] == "binary"
