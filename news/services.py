"""Writes on news posts: proposing, reviewing, publishing and archiving, each
recorded in the history with the person who made the change."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliances.models import Alliance
from core import slugs
from core.content import columns, source_values, translated_fields
from core.events import emit
from core.images import PreparedImage, store
from core.translations import record_translations, stored_texts
from members.models import MemberCity
from news.models import NewsPost

# The fields a proposing city writes (site portal and services alike).
PROPOSAL_FIELDS = (
    "title",
    "category",
    "summary",
    "body",
    "lead_image_alt",
    "lead_image_caption",
)
SLUG_ATTEMPTS = 3
# What the portal's form and the API answer when a proposal names an alliance
# the city did not grant (proposal_alliances()).
NOT_THE_CITY_ALLIANCE = _("Choose only alliances that your city granted.")
# What the portal and the API answer to a change of a proposal that is not
# with the city (ProposalNotEditable).
NOT_EDITABLE = _("Only a proposal returned to you can be changed; this one is not.")


def proposal_values(data: dict) -> dict:
    """The PROPOSAL_FIELDS of `data` as columns: a text's plain name is its
    English source (`title` → `title_en`), and its translations (`title_fr`)
    are taken as they come (core.content)."""
    translated = set(translated_fields(NewsPost))
    allowed = {
        column
        for field in PROPOSAL_FIELDS
        for column in (columns(field) if field in translated else (field,))
    }
    return {
        key: value
        for key, value in source_values(NewsPost, data).items()
        if key in allowed
    }


class ProposalNotEditable(Exception):
    """The proposal is with the editors (or already out): the city cannot change
    it now."""


def _save(post: NewsPost, *, by: AbstractBaseUser, fields: list[str]) -> NewsPost:
    # simple-history reads the author of the change from here (no request in a
    # service) and writes the historical row in the same transaction.
    post._history_user = by
    post.save(update_fields=[*fields, "updated_at"])
    return post


def _attach_image(post: NewsPost, image: PreparedImage | None) -> None:
    """Store a validated upload (core.images.prepare) as the post's lead image."""
    if image is not None:
        post.lead_image = store(image)


def unique_slug(title: str) -> str:
    """A slug for `title` that no post has yet: "title", "title-2", … One query."""
    return slugs.unique_slug(NewsPost, title, fallback="proposal")


def proposal_alliances(member: MemberCity | int):
    """The alliances a proposal of `member` may name: those it granted. The
    portal's form offers these, the API accepts these, the services keep
    these."""
    return Alliance.objects.filter(granting_member=member)


def _city_alliances(member: MemberCity, alliances) -> list[Alliance]:
    """Of `alliances`, those `member` may name (proposal_alliances())."""
    return list(
        proposal_alliances(member).filter(
            pk__in=[alliance.pk for alliance in alliances or ()]
        )
    )


@transaction.atomic
def news_propose(
    *, member: MemberCity, author: AbstractBaseUser, data: dict
) -> NewsPost:
    """A post proposed by `member`, written by its liaison `author`, submitted
    for review. `data` holds PROPOSAL_FIELDS (see proposal_values()) and
    optionally `related_alliances`; the post is about `member`."""
    post = NewsPost(
        **proposal_values(data),
        status=NewsPost.Status.SUBMITTED,
        proposed_by=member,
        author=author,
    )
    post._history_user = author
    _attach_image(post, data.get("lead_image_upload"))
    for attempt in range(SLUG_ATTEMPTS):
        post.slug = unique_slug(post.title_en)
        try:
            # A savepoint: another proposal may take the same slug meanwhile.
            with transaction.atomic():
                post.save()
            break
        except IntegrityError:
            if attempt == SLUG_ATTEMPTS - 1:
                raise
    record_translations(post, before=None, by=author)
    post.related_members.add(member)
    if alliances := _city_alliances(member, data.get("related_alliances")):
        post.related_alliances.add(*alliances)
    emit("post.submitted", post, by=author)
    return post


@transaction.atomic
def news_resubmit(*, post: NewsPost, by: AbstractBaseUser, data: dict) -> NewsPost:
    """Submit a returned proposal again with the city's changes.

    Raises ProposalNotEditable unless the post is a draft (returned to the city).
    """
    post = NewsPost.objects.select_for_update().get(pk=post.pk)
    if post.status != NewsPost.Status.DRAFT:
        raise ProposalNotEditable(post.status)
    before = stored_texts(post)
    for column, value in proposal_values(data).items():
        setattr(post, column, value)
    _attach_image(post, data.get("lead_image_upload"))
    post.status = NewsPost.Status.SUBMITTED
    _save(post, by=by, fields=[*PROPOSAL_FIELDS, "lead_image", "status"])
    record_translations(post, before=before, by=by)
    if "related_alliances" in data and post.proposed_by_id:
        post.related_alliances.set(
            _city_alliances(post.proposed_by, data["related_alliances"])
        )
    emit("post.submitted", post, by=by)
    return post


@transaction.atomic
def news_save(
    *, post: NewsPost, by: AbstractBaseUser, lead_image: PreparedImage | None = None
) -> NewsPost:
    """Write `post`, new or changed, that an editor validated (the admin's
    form), with a new `lead_image` if one was uploaded; its translations are
    marked current or older than their source (core.translations)."""
    before = stored_texts(post)
    _attach_image(post, lead_image)
    post._history_user = by
    post.save()
    record_translations(post, before=before, by=by)
    return post


@transaction.atomic
def news_return(*, post: NewsPost, by: AbstractBaseUser, comment: str) -> NewsPost:
    """Send a submitted proposal back to its city as a draft, with `comment`.

    Raises ProposalNotEditable unless the post awaits review.
    """
    post = NewsPost.objects.select_for_update().get(pk=post.pk)
    if post.status != NewsPost.Status.SUBMITTED:
        raise ProposalNotEditable(post.status)
    post.status = NewsPost.Status.DRAFT
    post.review_comment = comment
    _save(post, by=by, fields=["status", "review_comment"])
    emit("post.returned", post, by=by)
    return post


@transaction.atomic
def news_publish(
    *, post: NewsPost, by: AbstractBaseUser, at: datetime.datetime | None = None
) -> NewsPost:
    """Publish `post` at `at`, else at its scheduled time, else now."""
    post.status = NewsPost.Status.PUBLISHED
    # Whole seconds: the admin's publish time field shows and sends no more.
    post.published_at = at or post.published_at or timezone.now().replace(microsecond=0)
    _save(post, by=by, fields=["status", "published_at"])
    emit("post.published", post, by=by)
    return post


@transaction.atomic
def news_archive(*, post: NewsPost, by: AbstractBaseUser) -> NewsPost:
    """Take `post` off the public site; it keeps its publish time."""
    post.status = NewsPost.Status.ARCHIVED
    return _save(post, by=by, fields=["status"])
