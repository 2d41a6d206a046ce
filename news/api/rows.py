"""The post list, fast: the page's posts (as the list reads them, relations
prefetched as lists) turned into exactly what NewsPostSerializer gives
(tests/news/test_api_rows.py compares the two for every persona), without
DRF's field machinery per post. STYLE.md's one remedy for a hot list."""

from django.urls import reverse
from django.utils import timezone
from rest_framework.reverse import reverse as api_reverse


def _moment(value):
    """A date and time as DRF's DateTimeField shows it."""
    if value is None:
        return None
    shown = value.astimezone(timezone.get_current_timezone()).isoformat()
    return shown[:-6] + "Z" if shown.endswith("+00:00") else shown


def post_rows(posts, *, request, format=None, author_shown: bool) -> list[dict]:
    """NewsPostSerializer(many=True).data for `posts`; the author (a
    confidential field) only when `author_shown`, else not a field at all."""
    urls: dict[tuple[str, str], str] = {}  # one reverse per related object

    def api_url(view_name: str, slug: str) -> str:
        key = (view_name, slug)
        if key not in urls:
            urls[key] = api_reverse(
                view_name, kwargs={"slug": slug}, request=request, format=format
            )
        return urls[key]

    def summary(view_name, obj, name):
        if obj is None:
            return None
        return {"id": obj.pk, "name": name, "url": api_url(view_name, obj.slug)}

    now = timezone.now()
    shown = []
    for post in posts:
        row = {
            "id": post.pk,
            "url": api_url("api:newspost-detail", post.slug),
            "html_url": request.build_absolute_uri(
                reverse("news:post-detail", kwargs={"slug": post.slug})
            ),
            "title": post.title,
            "slug": post.slug,
            "category": summary(
                "api:category-detail",
                post.category,
                post.category.name if post.category_id else None,
            ),
            "summary": post.summary,
            "body": post.body,
            "body_html": post.body_html,
            "status": post.status,
            "published_at": _moment(post.published_at),
            "is_public": post.is_public(now),
            "proposed_by": summary(
                "api:membercity-detail",
                post.proposed_by,
                post.proposed_by.name if post.proposed_by_id else None,
            ),
            "related_members": [
                summary("api:membercity-detail", city, city.name)
                for city in post.member_list
            ],
            "related_alliances": [
                summary("api:alliance-detail", alliance, alliance.title)
                for alliance in post.alliance_list
            ],
        }
        if author_shown:
            row["author"] = post.author.username if post.author_id else None
        row["created_at"] = _moment(post.created_at)
        row["updated_at"] = _moment(post.updated_at)
        shown.append(row)
    return shown
