"""Where the images are kept: the "media" storage follows the documents'
setting (a folder here, the same bucket under its own prefix), and they are
served through the storage API alone, so a storage with no local path
serves them as well."""

import json
from http import HTTPStatus

import pytest
from django.core.files.storage import InMemoryStorage

from core.images import prepare, store
from tests.images.conftest import jpeg_bytes, upload
from tests.settings_utils import run_settings

SHOW = (
    "import json, metropolis.settings as s; "
    "print(json.dumps(s.STORAGES['media'], default=str)); "
    "print(json.dumps(s.STORAGES['documents'], default=str))"
)


def storages_with(**env) -> tuple[dict, dict]:
    """STORAGES' "media" and "documents" as settings.py builds them from `env`."""
    result = run_settings(SHOW, check=True, **env)
    media, documents = result.stdout.splitlines()
    return json.loads(media), json.loads(documents)


def test_a_local_folder_by_default():
    media, _ = storages_with(DJANGO_MEDIA_ROOT="/srv/metropolis/media")

    assert media["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert media["OPTIONS"]["location"] == "/srv/metropolis/media"


def test_the_documents_bucket_under_a_prefix_of_its_own_with_s3():
    media, documents = storages_with(
        DJANGO_DOCUMENTS_STORAGE="s3",
        DJANGO_DOCUMENTS_S3_BUCKET="metropolis-files",
        DJANGO_DOCUMENTS_S3_ENDPOINT_URL="https://s3.example.net",
        DJANGO_DOCUMENTS_S3_REGION="eu-west-3",
    )

    assert media["BACKEND"] == "storages.backends.s3.S3Storage"
    options = media["OPTIONS"]
    assert options["bucket_name"] == "metropolis-files"
    assert options["endpoint_url"] == "https://s3.example.net"
    assert options["region_name"] == "eu-west-3"
    assert options["location"] == "media"
    assert documents["OPTIONS"]["location"] == "documents"
    # Private like the documents: the app serves the renditions.
    assert options["default_acl"] == "private"


def test_the_images_prefix_in_the_bucket_by_setting():
    media, _ = storages_with(
        DJANGO_DOCUMENTS_STORAGE="s3",
        DJANGO_DOCUMENTS_S3_BUCKET="metropolis-files",
        DJANGO_MEDIA_S3_PREFIX="public-images",
    )

    assert media["OPTIONS"]["location"] == "public-images"


class CountingStorage(InMemoryStorage):
    """A storage with no local path, as a bucket has none, that counts the
    round trips a bucket would make to serve a file."""

    calls: list[str] = []

    def exists(self, name):
        self.calls.append("exists")
        return super().exists(name)

    def _open(self, name, mode="rb"):
        self.calls.append("open")
        return super()._open(name, mode)


@pytest.fixture
def in_memory(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "media": {"BACKEND": f"{__name__}.CountingStorage"},
    }
    CountingStorage.calls = []


@pytest.mark.usefixtures("in_memory")
def test_a_rendition_is_served_from_a_storage_with_no_local_path(client):
    image = store(prepare(upload(jpeg_bytes((900, 600)))))
    CountingStorage.calls.clear()

    response = client.get(image.url(320, "webp"))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "image/webp"
    body = b"".join(response.streaming_content)
    assert body.startswith(b"RIFF") and body[8:12] == b"WEBP"
    assert int(response["Content-Length"]) == len(body)
    # One request to the storage: no exists() before the open.
    assert CountingStorage.calls == ["open"]


@pytest.mark.usefixtures("in_memory")
def test_a_missing_rendition_is_not_found(client):
    image = store(prepare(upload(jpeg_bytes((900, 600)))))

    response = client.get(f"/media/images/{'f' * 32}-320.jpg")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert client.get(image.url(320)).status_code == HTTPStatus.OK
