"""What leaves the site without a request behind it: the task queue, the
site's address for the links the worker writes, webhooks and e-mail
(imported by metropolis.settings, which gives site_url() the allowed hosts
and DEBUG)."""

import os

from django.core.exceptions import ImproperlyConfigured

from metropolis.env import envbool, envint

# The task queue (e-mails, webhooks): django-tasks, the backport of Django's
# own Tasks framework, on its database backend (django-tasks-db), so that the
# queue lives in the database we already have. `manage.py db_worker` runs a
# worker; several share the queue (rows claimed with SKIP LOCKED on PostgreSQL).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}


def site_url(allowed_hosts: list[str], debug: bool) -> str:
    """The site's address, for links that leave a request behind (webhook
    payloads and e-mails built by the worker): DJANGO_SITE_URL, else the
    first allowed host over HTTPS, else the development server."""
    url = os.environ.get("DJANGO_SITE_URL", "").strip().rstrip("/") or (
        f"https://{allowed_hosts[0].lstrip('.')}"
        if allowed_hosts and not debug and allowed_hosts[0] != "*"
        else "http://127.0.0.1:8000"
    )
    if not url.startswith(("http://", "https://")):
        raise ImproperlyConfigured(
            f"DJANGO_SITE_URL must start with http:// or https://, not {url!r}"
        )
    return url


# Webhooks to private, loopback or link-local addresses are refused (a partner
# key must not reach the internal network) unless this is on: tests and a
# try-out on one's own machine only.
WEBHOOKS_ALLOW_PRIVATE_TARGETS = envbool("DJANGO_WEBHOOKS_ALLOW_PRIVATE_TARGETS", False)

# E-mail (password resets) is printed on the console unless an SMTP server is
# named; DJANGO_EMAIL_BACKEND overrides either choice.
_email_host = os.environ.get("DJANGO_EMAIL_HOST", "").strip()
EMAIL_HOST = _email_host or "localhost"
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if _email_host
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_USE_TLS = envbool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_PORT = envint("DJANGO_EMAIL_PORT", 587 if EMAIL_USE_TLS else 25)
if not 0 < EMAIL_PORT < 65536:
    raise ImproperlyConfigured(
        f"DJANGO_EMAIL_PORT must be a port number (1-65535), not {EMAIL_PORT}"
    )
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
# A stalled mail server must not hold a web worker for ever.
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "noreply@localhost")
