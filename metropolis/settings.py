"""
Settings for Metropolis Members, read from the environment.

With nothing set the app runs for a try-out on a SQLite file (but still with
DEBUG off, so a secret key is needed: `make run` sets DJANGO_DEBUG=1). A bad
value stops the start with an ImproperlyConfigured error naming the variable.
"""

import datetime
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from metropolis.api_settings import (  # noqa: F401 (settings)
    API_KEY_FAILURE_RATE,
    API_RATES,
    PASSWORD_RESET_RATES,
    REST_FRAMEWORK,
    SPECTACULAR_SETTINGS,
)
from metropolis.data_settings import (  # noqa: F401 (settings)
    CACHES,
    DATA_VERSIONED_APPS,
    DATABASES,
    DB_CONNECT_TIMEOUT,
    DB_STATEMENT_TIMEOUT,
)
from metropolis.env import envbool, envint, envlist
from metropolis.outbound_settings import (  # noqa: F401 (settings)
    DEFAULT_FROM_EMAIL,
    EMAIL_BACKEND,
    EMAIL_HOST,
    EMAIL_HOST_PASSWORD,
    EMAIL_HOST_USER,
    EMAIL_PORT,
    EMAIL_TIMEOUT,
    EMAIL_USE_TLS,
    TASKS,
    WEBHOOKS_ALLOW_PRIVATE_TARGETS,
    site_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = envbool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off"
        )
    SECRET_KEY = "insecure-key-for-local-debugging-only"

ALLOWED_HOSTS = envlist(
    "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = envlist("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Content in every language: reads each app's translation.py at start
    # (core.content); before the admin, as its documentation asks.
    "modeltranslation",
    # django.contrib.admin on core.admin_site.AdminSite: its changelists and
    # forms refuse a NUL or a key that is no key with a message, not a 500.
    "core.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    # Its ready() lets an index name an operator class (core.db.trigram_index);
    # on other databases it does nothing.
    "django.contrib.postgres",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_countries",
    "simple_history",
    "rest_framework",
    "rest_framework_api_key",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    # Import and export of the members' changelists (CSV, XLSX).
    "import_export",
    # Bottom: infrastructure that knows no domain app.
    "core",
    # The domain.
    "partners",
    "members",
    "alliances",
    "news",
    "dues",
    "governance",
    # Signed agreements and minutes as private, versioned PDF files.
    "documents",
    # Outboxes: e-mails to people, events to partner systems.
    "notifications",
    "webhooks",
    # The personal-data desk: reads every app above; the portal offers it.
    "privacy",
    # Top: pages that read every app, and the demo, bulk and backup tools.
    "portal",
    "tools",
    "publicdata",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # API responses vary on the caller's credentials, and are private when
    # any were sent (the 503 below included).
    "core.middleware.ApiCacheMiddleware",
    # Before anything that may read the database (sessions, users, axes): a
    # database that does not answer is a 503, not a traceback.
    "core.middleware.DatabaseUnavailableMiddleware",
    # The data versions read once per request (core.versions).
    "core.middleware.DataVersionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The site's language from its URL (/fr/, /es/, English unprefixed); then
    # the admin's from the user's choice and the API's from Accept-Language
    # (core.locale: LocaleMiddleware alone gives every unprefixed path English).
    "django.middleware.locale.LocaleMiddleware",
    "core.locale.UnprefixedLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "metropolis.urls"

# Request bodies: at most 1 MiB and 1,000 fields. A larger form post is refused
# with 400, a larger API body with 413.
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("DJANGO_DATA_UPLOAD_MAX_MEMORY_SIZE", 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
WSGI_APPLICATION = "metropolis.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# The database (DATABASE_URL or SQLite, its timeouts, prepared statements on
# PostgreSQL), the caches and the tables with a data version:
# metropolis/data_settings.py.
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation." + name}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The Secretariat General is in Barcelona: "today" is a Madrid day.
TIME_ZONE = "Europe/Madrid"
USE_I18N = True
# Content in every language (core.content): a column per language, English
# the source and required; a text is read in the language asked for, else in
# English, else in any.
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "fr", "es")
MODELTRANSLATION_AUTO_POPULATE = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Documents (signed agreements, minutes) are private: stored apart from the
# static files (there is no public media tree) and served only by the
# documents app's views after the permission check. "local" keeps them under
# DJANGO_DOCUMENTS_ROOT on this server; "s3" in an S3-compatible bucket
# (django-storages, the `s3` extra), which every app server shares.
DOCUMENTS_ROOT = Path(
    os.environ.get("DJANGO_DOCUMENTS_ROOT", "").strip()
    or BASE_DIR / "var" / "documents"
)
DOCUMENTS_MAX_UPLOAD_SIZE = envint("DJANGO_DOCUMENTS_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
if DOCUMENTS_MAX_UPLOAD_SIZE < 1:
    raise ImproperlyConfigured("DJANGO_DOCUMENTS_MAX_UPLOAD_SIZE must be 1 or more")
_documents_storage = os.environ.get("DJANGO_DOCUMENTS_STORAGE", "local").strip().lower()
if _documents_storage == "local":
    STORAGES["documents"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": DOCUMENTS_ROOT,
            "file_permissions_mode": 0o640,
            "directory_permissions_mode": 0o750,
        },
    }
elif _documents_storage == "s3":
    _bucket = os.environ.get("DJANGO_DOCUMENTS_S3_BUCKET", "").strip()
    if not _bucket:
        raise ImproperlyConfigured(
            "DJANGO_DOCUMENTS_S3_BUCKET must name the bucket when "
            "DJANGO_DOCUMENTS_STORAGE is s3"
        )
    STORAGES["documents"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _bucket,
            # None: AWS itself; else e.g. https://s3.example.net for MinIO.
            "endpoint_url": os.environ.get("DJANGO_DOCUMENTS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("DJANGO_DOCUMENTS_S3_REGION") or None,
            # None: boto3 finds the credentials (AWS_* variables, a role).
            "access_key": os.environ.get("DJANGO_DOCUMENTS_S3_ACCESS_KEY") or None,
            "secret_key": os.environ.get("DJANGO_DOCUMENTS_S3_SECRET_KEY") or None,
            "location": os.environ.get("DJANGO_DOCUMENTS_S3_PREFIX", "documents"),
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
else:
    raise ImproperlyConfigured(
        f"DJANGO_DOCUMENTS_STORAGE must be local or s3, not {_documents_storage!r}"
    )

# Public images (core.images): renditions under content-hashed names in the
# "media" storage, served by core.images.serve at /media/images/ with a year's
# cache (a web server may serve MEDIA_ROOT/images there itself instead). They
# follow the documents' setting: every app server must see the same files.
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(
    os.environ.get("DJANGO_MEDIA_ROOT", "").strip() or BASE_DIR / "var" / "media"
)
if _documents_storage == "s3":
    STORAGES["media"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **STORAGES["documents"]["OPTIONS"],
            # The same bucket, its own folder; private all the same: the app
            # serves the renditions, never a link to the bucket.
            "location": os.environ.get("DJANGO_MEDIA_S3_PREFIX", "media"),
            # A name is its content (an HMAC of the pixels): writing it again
            # writes the same bytes, so no round trip asks whether it exists.
            "file_overwrite": True,
        },
    }
else:
    STORAGES["media"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT, "base_url": MEDIA_URL},
    }
IMAGES_MAX_UPLOAD_SIZE = envint("DJANGO_IMAGES_MAX_UPLOAD_SIZE", 5 * 1024 * 1024)
if IMAGES_MAX_UPLOAD_SIZE < 1:
    raise ImproperlyConfigured("DJANGO_IMAGES_MAX_UPLOAD_SIZE must be 1 or more")

# Axes refuses a locked-out login before any other backend sees the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
# Liaisons go on to the portal, secretariat staff to the admin.
LOGIN_REDIRECT_URL = "account"

# Five failed logins for one user name from one address lock that pair out for
# 15 minutes, on the site's login and the admin's alike. The address is the
# client's as core.clients reads it: the socket's, or behind a trusted proxy
# the one that proxy forwarded (see DJANGO_BEHIND_TLS_PROXY).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# A successful login starts the count again.
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.accounts.locked_out"
# The user name as django-axes records it, cut to fit its column.
AXES_USERNAME_CALLABLE = "portal.accounts.axes_username"
AXES_CLIENT_IP_CALLABLE = "core.clients.client_address"

# What leaves the site without a request: the task queue, the site's address
# for the worker's links, webhooks and e-mail (metropolis/outbound_settings.py).
SITE_URL = site_url(ALLOWED_HOSTS, DEBUG)

# Security. With DEBUG off the site is served over HTTPS only: plain HTTP is
# redirected, browsers are told to remember that for a year (HSTS, subdomains
# included), and cookies travel over HTTPS only. DJANGO_HTTPS=0 turns all
# three off for a plain-HTTP run on one's own machine (never in production);
# DJANGO_SECURE_SSL_REDIRECT=0 turns off only the redirect, for a proxy that
# redirects itself.
HTTPS = envbool("DJANGO_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", HTTPS)
SECURE_HSTS_SECONDS = envint(
    "DJANGO_SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60 if HTTPS else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# A form refused for its CSRF token gets the site's page, not Django's own.
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
# Behind a proxy (load balancer) that terminates TLS, Django sees plain HTTP:
# DJANGO_BEHIND_TLS_PROXY=1 trusts the proxy's X-Forwarded-Proto instead. The
# proxy must set that header itself and drop any the client sent. The host
# stays the request's own Host header, checked against DJANGO_ALLOWED_HOSTS.
# The client's address (rate limits, login lockouts) is then the one the proxy
# appended to X-Forwarded-For, DJANGO_NUM_PROXIES (default 1) hops from the
# right; without a proxy it is the socket's, and X-Forwarded-For is ignored.
BEHIND_TLS_PROXY = envbool("DJANGO_BEHIND_TLS_PROXY", False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
NUM_PROXIES = envint("DJANGO_NUM_PROXIES", 1) if BEHIND_TLS_PROXY else 0
if NUM_PROXIES < 0:
    raise ImproperlyConfigured("DJANGO_NUM_PROXIES must be 0 or more")
USE_X_FORWARDED_HOST = False

# Content-Security-Policy (django-csp): scripts, styles, fonts and frames from
# this site only, and no inline script or style anywhere. The API docs use
# drf-spectacular's split view, which serves its start-up script as a file.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# REST API v1: rates, DRF and drf-spectacular (metropolis/api_settings.py).
# Clients by address as core.clients.client_address reads it.
REST_FRAMEWORK["NUM_PROXIES"] = NUM_PROXIES

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO"),
    },
}
