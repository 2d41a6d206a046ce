"""The documents' storage from the environment: a private folder outside the
static files by default, an S3-compatible bucket by setting; a bad value
stops the start naming the variable."""

import json
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.settings_utils import run_settings

SHOW = (
    "import json, metropolis.settings as s; "
    "print(json.dumps(s.STORAGES['documents'], default=str)); "
    "print(s.STATIC_ROOT)"
)


def load_settings(**env) -> subprocess.CompletedProcess:
    return run_settings(SHOW, **env)


def test_local_folder_by_default_outside_the_static_files():
    storage_line, static_root = load_settings().stdout.splitlines()
    storage = json.loads(storage_line)

    assert storage["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    location = Path(storage["OPTIONS"]["location"])
    assert location == Path(settings.BASE_DIR) / "var" / "documents"
    assert not location.is_relative_to(static_root)
    assert not location.is_relative_to(Path(settings.BASE_DIR) / "static")


def test_s3_bucket_by_setting():
    result = load_settings(
        DJANGO_DOCUMENTS_STORAGE="s3",
        DJANGO_DOCUMENTS_S3_BUCKET="metropolis-documents",
        DJANGO_DOCUMENTS_S3_ENDPOINT_URL="https://s3.example.net",
    )
    storage = json.loads(result.stdout.splitlines()[0])

    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "metropolis-documents"
    assert storage["OPTIONS"]["endpoint_url"] == "https://s3.example.net"
    assert storage["OPTIONS"]["default_acl"] == "private"
    assert storage["OPTIONS"]["file_overwrite"] is False


@pytest.mark.parametrize(
    ("env", "name"),
    [
        ({"DJANGO_DOCUMENTS_STORAGE": "ftp"}, "DJANGO_DOCUMENTS_STORAGE"),
        ({"DJANGO_DOCUMENTS_STORAGE": "s3"}, "DJANGO_DOCUMENTS_S3_BUCKET"),
        (
            {"DJANGO_DOCUMENTS_MAX_UPLOAD_SIZE": "ten"},
            "DJANGO_DOCUMENTS_MAX_UPLOAD_SIZE",
        ),
        ({"DJANGO_DOCUMENTS_MAX_UPLOAD_SIZE": "0"}, "DJANGO_DOCUMENTS_MAX_UPLOAD_SIZE"),
    ],
)
def test_bad_value_stops_the_start_naming_the_variable(env, name):
    result = load_settings(**env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert name in result.stderr
