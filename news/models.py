import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from alliances.models import Alliance
from members.models import MemberCity
from news.markdown import render_markdown


class Category(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="news_category_slug_unique"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("news:category", kwargs={"slug": self.slug})


class NewsPostQuerySet(models.QuerySet):
    def published(self, now: datetime.datetime | None = None) -> "NewsPostQuerySet":
        """Public posts: published, and their publish time has come."""
        return self.filter(
            status=NewsPost.Status.PUBLISHED, published_at__lte=now or timezone.now()
        )

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


class NewsPost(models.Model):
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
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True, help_text=_("Markdown."))
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
    review_comment = models.TextField(
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
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[related_members, related_alliances])
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
            models.Index(
                fields=["-published_at"],
                name="news_newspost_public_idx",
                condition=Q(status="published"),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:post-detail", kwargs={"slug": self.slug})

    @property
    def body_html(self):
        """The body rendered from Markdown and sanitized."""
        return render_markdown(self.body)

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
