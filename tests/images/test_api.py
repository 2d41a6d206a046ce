"""Lead images through the API: multipart uploads by persona, refusals naming
the field, and the image shown on the post."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from news.models import NewsPost
from tests import factories
from tests.images.conftest import jpeg_bytes, stored_files, upload
from tests.portal.conftest import proposal

pytestmark = pytest.mark.django_db

POSTS = reverse("api:newspost-list")


@pytest.fixture
def data():
    factories.CategoryFactory(name="Urban Innovation", slug="urban-innovation")
    return {
        "title": "Guangzhou hosts the innovation award",
        "slug": "guangzhou-award",
        "category_slug": "urban-innovation",
        "body": "Held in November.",
        "lead_image_alt": "The award on its stand",
        "lead_image_alt_fr": "Le prix sur son socle",
        "lead_image_alt_es": "El premio sobre su pedestal",
        "lead_image_upload": upload(jpeg_bytes()),
    }


def test_a_liaison_proposes_a_post_with_its_image(liaison_api, data, media):
    response = liaison_api.post(POSTS, data, format="multipart")

    assert response.status_code == HTTPStatus.CREATED, response.content
    image = response.json()["lead_image"]
    post = NewsPost.objects.get()
    assert image["url"] == (
        f"http://testserver/media/images/{post.lead_image.key}-800.jpg"
    )
    assert (image["width"], image["height"]) == (800, 600)
    assert "-320.webp 320w" in image["srcset"]
    assert len(stored_files(media)) == 6


def test_a_write_key_uploads_an_image(writer, data, media):
    response = writer.post(POSTS, data, format="multipart")

    assert response.status_code == HTTPStatus.CREATED, response.content
    assert NewsPost.objects.get().lead_image_alt == "The award on its stand"
    assert len(stored_files(media)) == 6


@pytest.mark.parametrize("persona", ["anonymous", "read_key"])
def test_only_writers_upload(client_as, persona, data, media):
    response = client_as(persona).post(POSTS, data, format="multipart")

    assert response.status_code in (HTTPStatus.UNAUTHORIZED, HTTPStatus.FORBIDDEN)
    assert not NewsPost.objects.exists()
    assert stored_files(media) == []


def test_a_liaison_cannot_change_another_citys_proposal(
    liaison_api, other_member, data, media
):
    theirs = proposal(other_member, status=NewsPost.Status.DRAFT)
    url = reverse("api:newspost-detail", args=[theirs.slug])

    response = liaison_api.patch(url, data, format="multipart")

    assert response.status_code == HTTPStatus.NOT_FOUND
    theirs.refresh_from_db()
    assert not theirs.lead_image
    assert stored_files(media) == []


def test_a_non_image_is_a_400_naming_the_field(writer, data, media):
    data["lead_image_upload"] = upload(b"%PDF-1.7 not a picture", "award.jpg")

    response = writer.post(POSTS, data, format="multipart")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "lead_image_upload" in response.json()["errors"]
    assert not NewsPost.objects.exists()
    assert stored_files(media) == []


@pytest.mark.parametrize(
    "column", ["lead_image_alt", "lead_image_alt_fr", "lead_image_alt_es"]
)
def test_an_image_without_alt_text_is_a_400_naming_the_alt(writer, data, media, column):
    data[column] = ""

    response = writer.post(POSTS, data, format="multipart")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert column in response.json()["errors"]
    assert stored_files(media) == []


def test_the_list_shows_each_image_as_the_post_does(api, writer, data, media):
    writer.post(
        POSTS,
        {**data, "status": "published", "published_at": "2026-01-01T00:00:00Z"},
        format="multipart",
    )
    post = NewsPost.objects.get()

    listed = api.get(POSTS).json()["results"][0]["lead_image"]
    shown = api.get(reverse("api:newspost-detail", args=[post.slug])).json()

    assert listed == shown["lead_image"] and listed["width"] == 800


def test_the_schema_documents_the_multipart_upload():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)

    create = schema["paths"]["/api/v1/posts/"]["post"]["requestBody"]["content"]
    assert list(create) == ["application/json", "multipart/form-data"]
    name = create["multipart/form-data"]["schema"]["$ref"].rsplit("/", 1)[1]
    upload = schema["components"]["schemas"][name]["properties"]["lead_image_upload"]
    assert upload["format"] == "binary"
