"""Atom feeds of the published news: every post, and one per category."""

import copy
import re

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.translation import gettext_lazy as _

from core.images import rendition_size
from members.viewers import ANONYMOUS
from news.models import Category, NewsPost

FEED_SIZE = 20
# XML 1.0 has no place for these: Django's feed writer fails on them (a 500).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_text(text: str) -> str:
    """`text` without the control characters a title or body may hold."""
    return CONTROL_CHARACTERS.sub("", text)


class LatestPostsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Metropolis news")
    subtitle = _("News from Metropolis and its member cities.")
    link = reverse_lazy("news:post-list")
    author_name = _("Metropolis")

    def __call__(self, request, *args, **kwargs):
        # A copy per request: the enclosures' absolute URLs need the request,
        # and this instance is shared by every thread.
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def item_enclosures(self, item):
        """The lead image's 1280 (or widest) JPEG rendition: an image link."""
        image = item.lead_image
        if not image:
            return []
        return [
            Enclosure(
                url=self.request.build_absolute_uri(image.url()),
                length=str(rendition_size(image)),
                mime_type="image/jpeg",
            )
        ]

    def posts(self):
        # What a visitor reads; an entry carries the stored HTML, not the
        # Markdown.
        posts = NewsPost.objects.visible_to(ANONYMOUS)
        return posts.select_related("category").defer("body")

    def items(self):
        return self.posts()[:FEED_SIZE]

    def item_title(self, item):
        return xml_text(item.title)

    def item_description(self, item):
        """The sanitized HTML of the body: the Markdown, never the raw text."""
        return xml_text(item.body_html)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_categories(self, item):
        return [xml_text(item.category.name)]


class CategoryFeed(LatestPostsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, category):
        return _("Metropolis news: %(category)s") % {
            "category": xml_text(category.name)
        }

    def link(self, category):
        return category.get_absolute_url()

    def items(self, category):
        return self.posts().filter(category=category)[:FEED_SIZE]
