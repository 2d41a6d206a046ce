"""Test settings: the real settings, with a fixed key and fast password hashing."""

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "insecure-key-for-tests-only")

from metropolis.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests render templates without running collectstatic first.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Documents go to a folder of this test run, removed at its end.
_documents_root = tempfile.mkdtemp(prefix="metropolis-documents-")
atexit.register(shutil.rmtree, _documents_root, ignore_errors=True)
STORAGES["documents"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": _documents_root},
}
# Images (the demo draws some) go to a folder of this test run too.
_media_root = tempfile.mkdtemp(prefix="metropolis-media-")
atexit.register(shutil.rmtree, _media_root, ignore_errors=True)
STORAGES["media"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": _media_root},
}
# Serve static files from the app folders, as in development: no collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# The test client speaks plain HTTP: no redirect to HTTPS. The other HTTPS
# settings (HSTS, secure cookies) stay as in production.
SECURE_SSL_REDIRECT = False
# Tests' webhook receivers listen on 127.0.0.1; the refusal of private
# targets is tested with this setting overridden.
WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
