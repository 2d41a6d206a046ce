"""Atom feeds of the published news: every post, and one per category."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from news.models import Category, NewsPost

FEED_SIZE = 20


class LatestPostsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Metropolis news")
    subtitle = _("News from Metropolis and its member cities.")
    link = reverse_lazy("news:post-list")
    author_name = _("Metropolis")

    def posts(self):
        return NewsPost.objects.published().select_related("category")

    def items(self):
        return self.posts()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        """The sanitized HTML of the body: the Markdown, never the raw text."""
        return item.body_html

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_categories(self, item):
        return [item.category.name]


class CategoryFeed(LatestPostsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, category):
        return _("Metropolis news: %(category)s") % {"category": category.name}

    def link(self, category):
        return category.get_absolute_url()

    def items(self, category):
        return self.posts().filter(category=category)[:FEED_SIZE]
