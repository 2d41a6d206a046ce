"""Writes on news posts: publishing and archiving, with the author of the change."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from news.models import NewsPost


def _save(post: NewsPost, *, by: AbstractBaseUser, fields: list[str]) -> NewsPost:
    # simple-history reads the author of the change from here (no request in a
    # service) and writes the historical row in the same transaction.
    post._history_user = by
    post.save(update_fields=[*fields, "updated_at"])
    return post


@transaction.atomic
def news_publish(
    *, post: NewsPost, by: AbstractBaseUser, at: datetime.datetime | None = None
) -> NewsPost:
    """Publish `post` at `at`, else at its scheduled time, else now."""
    post.status = NewsPost.Status.PUBLISHED
    # Whole seconds: the admin's publish time field shows and sends no more.
    post.published_at = at or post.published_at or timezone.now().replace(microsecond=0)
    return _save(post, by=by, fields=["status", "published_at"])


@transaction.atomic
def news_archive(*, post: NewsPost, by: AbstractBaseUser) -> NewsPost:
    """Take `post` off the public site; it keeps its publish time."""
    post.status = NewsPost.Status.ARCHIVED
    return _save(post, by=by, fields=["status"])
