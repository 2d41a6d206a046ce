"""The post list, fast: the page's posts read with `.values()`, their related
cities and alliances in one query each, turned into exactly what
NewsPostSerializer gives (tests/news/test_api_rows.py compares the two, byte
for byte, for every persona), without a model object or DRF's field
machinery per post. STYLE.md's one remedy for a hot list.

The fields, their order and the columns read come from the serializer
(shown_fields); this module says only how the fields that are not a column
as stored are shown.

Translated texts (core.content): the post's own (title, summary, body and
its HTML, the lead image's texts), the category's name and the alliances'
titles are read in every language and picked here with modeltranslation's
fallback, the language looked up once per page (core.content.text_picker)."""

from collections import defaultdict

from django.utils import timezone

from core.api.links import api_links, page_links
from core.api.serializers import SHOWN, WITHHELD, shown_fields, value_columns
from core.content import columns, text_picker, translated_fields
from core.images import image_info
from news.api.serializers import NewsPostSerializer
from news.models import NewsPost

# What post_rows() reads besides the serializer's plain columns.
RELATED_COLUMNS = (
    "category_id",
    *(f"category__{column}" for column in columns("name")),
    "category__slug",
    "proposed_by_id",
    "proposed_by__name",
    "proposed_by__slug",
)
# The author (a confidential field), for those who see it.
AUTHOR_COLUMN = "author__username"


def post_fields(author_shown: bool) -> tuple[str, ...]:
    return shown_fields(NewsPostSerializer, SHOWN if author_shown else WITHHELD)


def post_texts() -> tuple[str, ...]:
    """The post's translated fields the serializer shows (every caller)."""
    translated = translated_fields(NewsPost)
    return tuple(name for name in post_fields(False) if name in translated)


def post_columns(*, author_shown: bool) -> list[str]:
    """What post_rows() needs from the list's queryset, as `.values()` names:
    the serializer's fields that are a column of the post (a translated one
    as its column in every language; the English title is also the key of
    `?ordering=title`, core.keyset), then the category's and the proposing
    city's, and the author's name where it is shown."""
    names = [*value_columns(NewsPost, post_fields(author_shown)), *RELATED_COLUMNS]
    return [*names, AUTHOR_COLUMN] if author_shown else names


def related_lists(post_ids, alliances) -> tuple[dict, dict]:
    """(id, name, slug) of the cities and of the `alliances` (those the
    caller may read) that each of the posts is about, by post id, in the
    order the serializer shows them: one query each."""
    members: dict[int, list] = defaultdict(list)
    alliance_lists: dict[int, list] = defaultdict(list)
    links = (
        NewsPost.related_members.through.objects.filter(newspost_id__in=post_ids)
        .order_by("membercity__name", "membercity_id")
        .values_list(
            "newspost_id", "membercity_id", "membercity__name", "membercity__slug"
        )
    )
    for post_id, *member in links:
        members[post_id].append(member)
    links = (
        NewsPost.related_alliances.through.objects.filter(
            newspost_id__in=post_ids, alliance__in=alliances
        )
        .order_by("alliance__title_en", "alliance_id")
        .values_list(
            "newspost_id",
            "alliance_id",
            "alliance__slug",
            *(f"alliance__{column}" for column in columns("title")),
        )
    )
    titles = columns("title")
    set_title = text_picker(["title"])
    for post_id, alliance_id, slug, *texts in links:
        alliance = dict(zip(titles, texts, strict=True))
        set_title(alliance)
        alliance_lists[post_id].append((alliance_id, alliance["title"], slug))
    return members, alliance_lists


def post_rows(
    rows, *, request, format=None, author_shown: bool, alliances
) -> list[dict]:
    """NewsPostSerializer(many=True).data for `rows`, dicts of post_columns()
    (each is used up: it becomes its post's representation); the author (a
    confidential field) only when `author_shown`, else not a field at all.
    `alliances`: those the caller may read."""
    fields = post_fields(author_shown)
    zone = timezone.get_current_timezone()  # once for the page
    set_texts = text_picker((*post_texts(), "category__name"))
    # One reverse() per route and page (core.api.links), none per post.
    post_urls = api_links("newspost", request=request, format=format)
    category_urls = api_links("category", request=request, format=format)
    member_urls = api_links("membercity", request=request, format=format)
    alliance_urls = api_links("alliance", request=request, format=format)
    pages = page_links("news:post-list", request=request)

    def moment(value):
        """A date and time as DRF's DateTimeField shows it."""
        if value is None:
            return None
        shown = value.astimezone(zone).isoformat()
        return shown[:-6] + "Z" if shown.endswith("+00:00") else shown

    members, alliance_lists = related_lists([row["id"] for row in rows], alliances)
    now = timezone.now()
    published = NewsPost.Status.PUBLISHED
    shown = []
    for row in rows:
        post_id = row["id"]
        slug = row["slug"]
        published_at = row["published_at"]
        set_texts(row)
        row["url"] = post_urls(slug)
        row["html_url"] = pages(slug)
        row["category"] = {
            "id": row["category_id"],
            "name": row["category__name"],
            "url": category_urls(row["category__slug"]),
        }
        row["published_at"] = moment(published_at)
        row["is_public"] = (
            row["status"] == published
            and published_at is not None
            and published_at <= now
        )
        city_id = row["proposed_by_id"]
        row["proposed_by"] = None
        if city_id is not None:
            row["proposed_by"] = {
                "id": city_id,
                "name": row["proposed_by__name"],
                "url": member_urls(row["proposed_by__slug"]),
            }
        row["related_members"] = [
            {"id": pk, "name": name, "url": member_urls(key)}
            for pk, name, key in members.get(post_id, ())
        ]
        row["related_alliances"] = [
            {"id": pk, "name": title, "url": alliance_urls(key)}
            for pk, title, key in alliance_lists.get(post_id, ())
        ]
        row["lead_image"] = image_info(row["lead_image"], request)
        if author_shown:
            row["author"] = row[AUTHOR_COLUMN]
        row["created_at"] = moment(row["created_at"])
        row["updated_at"] = moment(row["updated_at"])
        shown.append({name: row[name] for name in fields})
    return shown
