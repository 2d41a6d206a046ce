import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from alliances.models import Alliance
from core.content import (
    SourceLanguageModel,
    columns,
    history_excluded,
    source_column,
)
from core.db import PostgresGinIndex, search_vector, word_search
from core.fields import TextField
from core.images import ImageKeyField, missing_alt_text
from members.models import MemberCity
from news.markdown import BODY_MAX_LENGTH, render_markdown, validate_markdown_body

if TYPE_CHECKING:
    from members.viewers import Viewer


class Category(SourceLanguageModel):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)

    history = HistoricalRecords(excluded_fields=history_excluded("name"))

    class Meta:
        # By the English name (core.content), the same order in every language.
        ordering = ["name_en"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="news_category_slug_unique"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("news:category", kwargs={"slug": self.slug})


class SanitizedHTMLField(models.TextField):
    """HTML that render_markdown() made and sanitized, stored: it reads back as
    safe, so that templates show it as HTML as they did the rendered body."""

    def from_db_value(self, value, expression, connection):
        return None if value is None else mark_safe(value)

    def to_python(self, value):
        value = super().to_python(value)
        return None if value is None else mark_safe(value)


# What `?search=` looks in: the title and summary in every language.
SEARCH_FIELDS = (*columns("title"), *columns("summary"))


class NewsPostQuerySet(models.QuerySet):
    def visible_to(
        self, viewer: "Viewer", now: datetime.datetime | None = None
    ) -> "NewsPostQuerySet":
        """The posts `viewer` may read: public ones (published, their time
        come) for visitors and keys; a liaison also reads its own city's
        proposals, whatever their status; the secretariat reads every post."""
        if viewer.secretariat:
            return self.all()
        public = Q(
            status=NewsPost.Status.PUBLISHED, published_at__lte=now or timezone.now()
        )
        if viewer.is_liaison:
            return self.filter(public | Q(proposed_by_id=viewer.member_id))
        return self.filter(public)

    def published(self, now: datetime.datetime | None = None) -> "NewsPostQuerySet":
        """Public posts: published, and their publish time has come."""
        return self.filter(
            status=NewsPost.Status.PUBLISHED, published_at__lte=now or timezone.now()
        )

    def published_until_next(self) -> "NewsPostQuerySet":
        """published()'s rows, bounded by the publish time of the next
        scheduled post instead of now: the same rows until that time comes,
        and the same SQL from one request to the next until then, so that a
        count or a figure over them can be kept (core.counts) and never be
        stale. One query (news_newspost_order_idx) finds that time."""
        published = self.filter(status=NewsPost.Status.PUBLISHED)
        next_time = (
            published.scheduled()
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )
        if next_time is None:
            return published.filter(published_at__isnull=False)
        return published.filter(published_at__lt=next_time)

    def scheduled(self, now: datetime.datetime | None = None) -> "NewsPostQuerySet":
        """Published posts whose publish time is still to come."""
        return self.filter(
            status=NewsPost.Status.PUBLISHED, published_at__gt=now or timezone.now()
        )

    def awaiting_review(self) -> "NewsPostQuerySet":
        return self.filter(status=NewsPost.Status.SUBMITTED)

    def about_member(self, member: MemberCity) -> "NewsPostQuerySet":
        return self.filter(related_members=member)

    def about_alliance(self, alliance: Alliance) -> "NewsPostQuerySet":
        return self.filter(related_alliances=alliance)

    def search(self, text: str) -> "NewsPostQuerySet":
        """Posts with every word of `text` starting a word of their title or
        summary, in any language. See core.db.word_search; on PostgreSQL,
        news_newspost_search_idx answers it."""
        return word_search(self, SEARCH_FIELDS, text)

    def without_bodies(self) -> "NewsPostQuerySet":
        """For lists that show no body: neither the Markdown nor its HTML is
        read. Reading either later costs a query per post."""
        return self.defer("body", "body_html")  # every language's columns


class NewsPost(SourceLanguageModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=250)
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        related_name="posts",
        verbose_name=_("category"),
    )
    summary = TextField(_("summary"), blank=True)
    body = TextField(
        _("body"),
        blank=True,
        max_length=BODY_MAX_LENGTH,
        validators=[MaxLengthValidator(BODY_MAX_LENGTH), validate_markdown_body],
        help_text=_("Markdown."),
    )
    body_html = SanitizedHTMLField(
        _("body as HTML"),
        blank=True,
        default="",
        editable=False,
        help_text=_("The body rendered from Markdown and sanitized, set on save."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publish time"),
        null=True,
        blank=True,
        help_text=_("A published post is public from this time on."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="news_posts",
        verbose_name=_("author"),
    )
    proposed_by = models.ForeignKey(
        MemberCity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_posts",
        verbose_name=_("proposed by"),
    )
    review_comment = TextField(
        _("review comment"),
        blank=True,
        help_text=_("The editor's comment to the proposing city."),
    )
    related_members = models.ManyToManyField(
        MemberCity,
        blank=True,
        related_name="news_posts",
        verbose_name=_("related members"),
    )
    related_alliances = models.ManyToManyField(
        Alliance,
        blank=True,
        related_name="news_posts",
        verbose_name=_("related alliances"),
    )
    # core.images: set by the services from an upload, never typed in.
    lead_image = ImageKeyField(_("lead image"))
    lead_image_alt = models.CharField(
        _("lead image alt text"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for those who cannot see it."),
    )
    lead_image_caption = models.CharField(
        _("lead image caption and credit"), max_length=250, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # The HTML follows from the body: the history keeps the body alone, and a
    # reverted post renders its HTML again when it is saved.
    history = HistoricalRecords(
        m2m_fields=[related_members, related_alliances],
        excluded_fields=[
            "body_html",
            *history_excluded(
                "title",
                "summary",
                "body",
                "body_html",
                "lead_image_alt",
                "lead_image_caption",
            ),
        ],
    )
    objects = NewsPostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="news_newspost_slug_unique"),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="news_newspost_published_has_time",
            ),
        ]
        indexes = [
            # The order of every news list: keyset pages walk it from any
            # publish time (core.keyset), drafts and all.
            models.Index(
                fields=["-published_at", "-id"], name="news_newspost_order_idx"
            ),
            # The same order within a category (category pages, the API's
            # category filter).
            models.Index(
                fields=["category", "-published_at", "-id"],
                name="news_newspost_category_idx",
            ),
            PostgresGinIndex(
                search_vector(*SEARCH_FIELDS), name="news_newspost_search_idx"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        """Store the body's HTML with the body, in every language: on every
        save that writes the body (with update_fields, when they name it)."""
        update_fields = kwargs.get("update_fields")
        if update_fields is None:
            # A post loaded without its body (defer/only) saves no body.
            if not set(columns("body")) & self.get_deferred_fields():
                self.render_bodies()
        elif {"body", *columns("body")} & set(update_fields):
            self.render_bodies()
            kwargs["update_fields"] = {*update_fields, "body", "body_html"}
        super().save(*args, **kwargs)

    def render_bodies(self) -> None:
        """body_html_<lang> from body_<lang>, through the one renderer and its
        limits; a language without a body has no HTML (its readers get the
        fallback's)."""
        for body, html in zip(columns("body"), columns("body_html"), strict=True):
            text = getattr(self, body)
            if text:
                setattr(self, html, render_markdown(text))
            else:
                setattr(self, html, "" if html == source_column("body_html") else None)

    def get_absolute_url(self):
        return reverse("news:post-detail", kwargs={"slug": self.slug})

    def is_public(self, now: datetime.datetime | None = None) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= (now or timezone.now())
        )

    def clean(self):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            raise ValidationError(
                {"published_at": _("A published post needs its publish time.")}
            )
        if self.lead_image and (errors := missing_alt_text(self, "lead_image_alt")):
            raise ValidationError(errors)


@receiver(pre_save, sender=NewsPost, dispatch_uid="news_post_raw_body_html")
def render_loaded_body(sender, instance: NewsPost, raw: bool, **kwargs):
    """loaddata (import_data) saves with save_base(raw=True), not save(): the
    dumped HTML is kept, and a dump made before the HTML was stored (no
    body_html of a language that has a body) gets it rendered here."""
    if not raw:
        return
    for body, html in zip(columns("body"), columns("body_html"), strict=True):
        text = getattr(instance, body, None)
        if text and not getattr(instance, html, None):
            setattr(instance, html, render_markdown(text))
