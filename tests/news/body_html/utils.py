"""Helpers of the stored-HTML tests: the stored HTML and its inertness."""

from django.urls import reverse

from news.models import NewsPost
from tests import factories

POSTS = reverse("api:newspost-list")
CHANGELIST = "news.newspost"


def stored_html(post: NewsPost) -> str:
    return NewsPost.objects.values_list("body_html", flat=True).get(pk=post.pk)


def assert_inert(html: str) -> None:
    lowered = html.lower()
    assert "<script" not in lowered
    assert "onerror" not in lowered
    assert "javascript:" not in lowered


def make_posts(count: int, category) -> list[NewsPost]:
    return [
        factories.NewsPostFactory(
            category=category, body=f"Post **{number}**.\n\n- a\n- b"
        )
        for number in range(count)
    ]
