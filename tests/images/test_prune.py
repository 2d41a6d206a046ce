"""prune_images: the renditions no current row holds, older than a day, go;
a file another row holds, a fresh file and a dry run keep theirs. History
rows keep no file: a past version restored comes back without its image."""

import io
import os
import time
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from core.image_pruning import image_fields
from core.images import StoredImage, prepare, store
from members.models import MemberCity
from news.models import NewsPost
from tests import factories
from tests.admin_utils import changeform_data
from tests.images.conftest import stored_files, upload

pytestmark = pytest.mark.django_db


def stored(colour: str) -> StoredImage:
    """An image of one colour, stored: each colour has its own key."""
    out = io.BytesIO()
    Image.new("RGB", (900, 600), colour).save(out, "PNG")
    return store(prepare(upload(out.getvalue(), "image.png", "image/png")))


def files_of(media, image: StoredImage) -> list[str]:
    return [name for name in stored_files(media) if image.key in name]


def age(media, hours: int) -> None:
    """Every stored file last written `hours` ago."""
    then = time.time() - hours * 3600
    for path in media.rglob("*"):
        if path.is_file():
            os.utime(path, (then, then))


def prune(*args: str) -> str:
    out = io.StringIO()
    call_command("prune_images", *args, stdout=out)
    return out.getvalue()


def with_image(image: StoredImage, **kwargs) -> NewsPost:
    return factories.NewsPostFactory(
        lead_image=image,
        lead_image_alt="A square in the rain",
        lead_image_alt_fr="Une place sous la pluie",
        lead_image_alt_es="Una plaza bajo la lluvia",
        **kwargs,
    )


def test_a_replaced_image_is_pruned_and_no_longer_served(client, media):
    old, new = stored("red"), stored("blue")
    post = with_image(old)
    post.lead_image = new
    post.save()
    age(media, 25)

    output = prune()

    assert files_of(media, old) == []
    assert len(files_of(media, new)) == 6  # 320, 640, 900 wide; WebP, JPEG
    assert f"images/{old.name(320)}" in output
    assert "6 rendition(s) deleted" in output
    assert client.get(old.url(320)).status_code == 404
    assert client.get(new.url(320)).status_code == 200


def test_a_file_another_row_holds_is_kept(media):
    shared = stored("green")
    first, second = with_image(shared), with_image(shared)
    first.lead_image = None
    first.save()
    age(media, 25)

    prune()

    second.refresh_from_db()
    assert second.lead_image == shared
    assert len(files_of(media, shared)) == 6


def test_a_member_citys_emblem_and_photo_are_in_use(media):
    emblem, photo, orphan = stored("orange"), stored("purple"), stored("teal")
    city = factories.MemberCityFactory()
    MemberCity.objects.filter(pk=city.pk).update(
        emblem=emblem, photo=photo, photo_alt="The harbour"
    )
    age(media, 25)

    prune()

    assert files_of(media, emblem) and files_of(media, photo)
    assert files_of(media, orphan) == []


def test_every_image_field_counts_and_no_history_one():
    names = {f"{f.model._meta.label}.{f.name}" for f in image_fields()}

    assert {
        "news.NewsPost.lead_image",
        "members.MemberCity.emblem",
        "members.MemberCity.photo",
    } <= names
    assert not any("Historical" in name for name in names)


def test_a_file_written_within_the_grace_period_is_kept(media):
    in_flight = stored("navy")  # its row not yet saved
    age(media, 23)

    output = prune()

    assert len(files_of(media, in_flight)) == 6
    assert "0 rendition(s) deleted" in output
    assert "6 written within 24 hour(s)" in output
    prune("--older-than-hours", "12")
    assert files_of(media, in_flight) == []


def test_a_dry_run_lists_and_deletes_nothing(media):
    orphan = stored("olive")
    age(media, 48)
    before = stored_files(media)

    output = prune("--dry-run")

    assert stored_files(media) == before
    assert f"images/{orphan.name(900, 'webp')}" in output
    assert "6 rendition(s) would be deleted" in output


def test_an_empty_storage_is_nothing_to_do(media):
    assert "0 rendition(s) deleted" in prune()


def revert_url(post: NewsPost, version) -> str:
    return reverse(
        "admin:news_newspost_simple_history", args=[post.pk, version.history_id]
    )


def test_history_keeps_no_file_and_a_restored_version_comes_back_without_it(
    editor_client, media
):
    old, new = stored("maroon"), stored("gray")
    post = with_image(old)
    first = post.history.earliest()
    post.lead_image = new
    post.save()
    age(media, 25)
    prune()
    assert files_of(media, old) == []

    page = editor_client.get(revert_url(post, first))
    assert old.key not in page.content.decode()
    data = changeform_data(
        SimpleNamespace(
            context={
                "adminform": page.context["adminform"],
                "inline_admin_formsets": [],
            }
        )
    )
    editor_client.post(revert_url(post, first), data)

    post.refresh_from_db()
    assert post.lead_image is None
    assert post.lead_image_alt == "A square in the rain"


def test_a_restored_version_whose_image_is_still_there_keeps_it(editor_client):
    old = stored("lime")
    post = with_image(old)
    first = post.history.earliest()
    post.lead_image = None
    post.save()

    page = editor_client.get(revert_url(post, first))
    data = changeform_data(
        SimpleNamespace(
            context={
                "adminform": page.context["adminform"],
                "inline_admin_formsets": [],
            }
        )
    )
    editor_client.post(revert_url(post, first), data)

    post.refresh_from_db()
    assert post.lead_image == old
