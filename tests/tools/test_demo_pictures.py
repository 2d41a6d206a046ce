"""The demo's pictures: drawn by tools/demo/pictures.py when it loads, the
same pixels (so the same keys) every run, kept when a person changed them,
put back by --reset; they show on the pages."""

from http import HTTPStatus
from pathlib import Path

import pytest
from django.core.files.storage import storages
from django.urls import reverse

from members.models import MemberCity
from news.models import NewsPost
from tests.demo_utils import all_rows, load_demo
from tools.demo import data, pictures

pytestmark = pytest.mark.django_db

REFERENCE_SLUG = "metropolis-signs-collaboration-agreement-with-guangzhou"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "media": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }
    return tmp_path / "media"


def stored_files(root: Path) -> dict[str, float]:
    return {str(p.relative_to(root)): p.stat().st_mtime for p in root.rglob("*.*")}


def images_of_the_demo() -> dict[str, str]:
    images = {
        f"post {slug}": str(image)
        for slug, image in NewsPost.objects.values_list("slug", "lead_image")
    }
    cities = MemberCity.objects.filter(slug__in=[c["slug"] for c in data.CITIES])
    for slug, emblem, photo in cities.values_list("slug", "emblem", "photo"):
        images[f"emblem {slug}"] = str(emblem)
        images[f"photo {slug}"] = str(photo)
    return images


def test_every_demo_post_and_city_has_a_drawn_picture(demo):
    images = images_of_the_demo()

    assert "None" not in images.values()
    assert len(images) >= 6 + 1 + 2 * 6
    storage = storages["media"]
    for image in NewsPost.objects.values_list("lead_image", flat=True):
        assert storage.exists(f"images/{image.name(image.width, 'webp')}")


def test_the_illustrative_posts_say_their_image_is_an_illustration(demo):
    post = NewsPost.objects.filter(slug__startswith="illustrative-news-").first()

    assert post.lead_image_caption_en == "Illustration drawn by the demo"
    assert post.lead_image_caption_fr == "Illustration dessinée par la démo"
    assert post.lead_image_caption_es == "Ilustración dibujada por la demo"
    assert post.lead_image_alt_en.startswith("An abstract drawing")
    assert post.lead_image_alt_fr and post.lead_image_alt_es


def test_the_reference_post_never_passes_its_illustration_for_the_photo(demo):
    post = NewsPost.objects.get(slug=REFERENCE_SLUG)

    assert post.lead_image.width == 1280
    assert post.lead_image_caption_en == (
        "Illustration drawn by the demo, not a photograph of the signing"
    )
    assert "pas une photographie" in post.lead_image_caption_fr
    assert "no una fotografía" in post.lead_image_caption_es


def test_a_second_run_draws_the_same_pictures_and_writes_nothing(demo, media):
    before, files = all_rows(), stored_files(media)
    pictures._prepared.cache_clear()  # drawn again, not remembered

    output = load_demo()

    assert "0 created, 0 updated" in output
    assert all_rows() == before
    assert stored_files(media) == files


def test_a_run_writes_back_the_files_of_a_wiped_storage(demo, media):
    files = stored_files(media)
    for path in media.rglob("*.*"):
        path.unlink()

    load_demo()

    assert set(stored_files(media)) == set(files)


def test_a_persons_cleared_image_stays_cleared_until_reset(demo):
    post = NewsPost.objects.get(slug=REFERENCE_SLUG)
    drawn = post.lead_image
    post.lead_image = None  # as a person does, with no demo reason
    post.save()

    load_demo()
    post.refresh_from_db()
    assert post.lead_image is None

    load_demo("--reset")
    post.refresh_from_db()
    assert post.lead_image == drawn


def test_a_persons_city_photo_stays_until_reset(guangzhou):
    drawn = guangzhou.photo
    other = pictures.picture("skyline", "a person's upload", "#000000")
    guangzhou.photo = other
    guangzhou.photo_alt = "The Canton Tower at night"
    guangzhou.save()

    load_demo()
    guangzhou.refresh_from_db()
    assert guangzhou.photo == other

    load_demo("--reset")
    guangzhou.refresh_from_db()
    assert guangzhou.photo == drawn
    assert guangzhou.photo_alt.startswith("An abstract drawing")


@pytest.mark.parametrize("name", ["home", "news:post-list"])
def test_the_pages_of_the_loaded_demo_show_pictures(demo, client, name):
    response = client.get(reverse(name))

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert html.count("<picture") >= 3
    assert 'loading="lazy"' in html


def test_the_pictures_are_served(demo, client):
    post = NewsPost.objects.get(slug=REFERENCE_SLUG)

    response = client.get(post.lead_image.url(640, "webp"))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "image/webp"


def test_a_drawing_remembered_under_one_secret_is_not_used_under_another(
    settings,
):
    # The key is an HMAC under the secret: another secret, another name.
    image = pictures.picture("emblem", "Guangzhou", "#D55E00")
    settings.SECRET_KEY = "another-secret-for-this-test"

    other = pictures.picture("emblem", "Guangzhou", "#D55E00")

    assert other.key != image.key
    assert (other.width, other.height) == (image.width, image.height)
