from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from alliances.models import Alliance
from core import keyset
from core.filters import VisitorFilterMixin
from members.viewers import ANONYMOUS, get_viewer
from news.filters import NewsPostFilter
from news.models import Category, NewsPost


def published_posts():
    """For the lists, the posts a visitor reads: they show a post's title,
    time, category and summary."""
    return (
        NewsPost.objects.visible_to(ANONYMOUS)
        .select_related("category")
        .without_bodies()
    )


class PublicPostFilter(VisitorFilterMixin, NewsPostFilter):
    """The API's news filters a visitor needs: the category."""

    related_members = None
    related_alliances = None
    published_at_after = None
    published_at_before = None
    status = None


class PostListMixin:
    """Latest first, in pages of ten reached by "Older news" and "Newer news"
    links: keyset pages, so the oldest news costs what the latest does."""

    template_name = "news/newspost_list.html"
    paginate_by = 10
    extra_context = {"section": "news"}

    def paginate_queryset(self, queryset, page_size):
        cursor = self.request.GET.get("cursor") or None
        try:
            page = keyset.paginate(
                queryset.order_by("-published_at"),
                cursor,
                page_size,
                non_null=["published_at"],  # published posts only
            )
        except keyset.InvalidCursor:
            raise Http404(_("This page of news does not exist.")) from None
        return None, page, page.rows, bool(page.next_cursor or page.previous_cursor)

    def get_context_data(self, **kwargs):
        return super().get_context_data(categories=Category.objects.all(), **kwargs)


class PostListView(PostListMixin, FilterView):
    filterset_class = PublicPostFilter

    def get_queryset(self):
        return published_posts()


class CategoryView(PostListMixin, ListView):
    """The published posts of one category."""

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return published_posts().filter(category=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class PostDetailView(DetailView):
    """A published post, as a visitor reads it; the secretariat, who reads
    every post, also previews those not yet public. (A liaison follows its
    city's proposals in the portal.)"""

    extra_context = {"section": "news"}

    def get_queryset(self):
        viewer = get_viewer(self.request)
        posts = NewsPost.objects.visible_to(viewer if viewer.secretariat else ANONYMOUS)
        # The page shows the stored HTML, not the Markdown.
        return (
            posts.select_related("category")
            .defer("body")
            .prefetch_related(
                "related_members",
                Prefetch(
                    "related_alliances",
                    queryset=Alliance.objects.visible_to(ANONYMOUS),
                    to_attr="public_alliances",
                ),
            )
        )

    def get_context_data(self, **kwargs):
        url = self.request.build_absolute_uri(self.object.get_absolute_url())
        return super().get_context_data(canonical_url=url, **kwargs)
