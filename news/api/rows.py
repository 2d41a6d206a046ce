"""The post list, fast: the page's posts read with `.values()`, their related
cities and alliances in the same query, turned into exactly what
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

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from core.api.links import api_links, page_links
from core.api.serializers import SHOWN, WITHHELD, shown_fields, value_columns
from core.content import columns, text_picker, translated_fields
from core.db import JSONRows
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
    city's, the related lists (with_related_lists()), and the author's name
    where it is shown."""
    names = [
        *value_columns(NewsPost, post_fields(author_shown)),
        *RELATED_COLUMNS,
        "member_rows",
        "alliance_rows",
    ]
    return [*names, AUTHOR_COLUMN] if author_shown else names


def with_related_lists(queryset, alliances):
    """The posts of `queryset` with the cities and the `alliances` (those the
    caller may read) each is about, read in the page's own query (one
    correlated subquery each, core.db.JSONRows): `member_rows` as [id, name,
    slug] by name, `alliance_rows` as [id, slug, title in each language] by
    English title, as the serializer shows them; None for none."""
    member_links = NewsPost.related_members.through.objects.filter(
        newspost_id=OuterRef("pk")
    )
    alliance_links = NewsPost.related_alliances.through.objects.filter(
        newspost_id=OuterRef("pk"), alliance__in=alliances
    )
    member_rows = JSONRows(
        "membercity_id", "membercity__name", "membercity__slug", order_by=(1, 0)
    )
    alliance_rows = JSONRows(
        "alliance_id",
        "alliance__slug",
        *(f"alliance__{column}" for column in columns("title")),
        order_by=(2, 0),
    )
    return queryset.annotate(
        member_rows=_grouped(member_links, member_rows),
        alliance_rows=_grouped(alliance_links, alliance_rows),
    )


def _grouped(links, rows: JSONRows) -> Subquery:
    """`rows` of the post's `links` (one group: the outer post's)."""
    return Subquery(
        links.order_by().values("newspost_id").annotate(rows=rows).values("rows")
    )


def post_rows(rows, *, request, format=None, author_shown: bool) -> list[dict]:
    """NewsPostSerializer(many=True).data for `rows`, dicts of post_columns()
    (each is used up: it becomes its post's representation); the author (a
    confidential field) only when `author_shown`, else not a field at all."""
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

    set_title = text_picker(["title"])
    titles = columns("title")
    now = timezone.now()
    published = NewsPost.Status.PUBLISHED
    shown = []
    for row in rows:
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
            for pk, name, key in row["member_rows"] or ()
        ]
        related_alliances = []
        for pk, key, *texts in row["alliance_rows"] or ():
            alliance = dict(zip(titles, texts, strict=True))
            set_title(alliance)
            related_alliances.append(
                {"id": pk, "name": alliance["title"], "url": alliance_urls(key)}
            )
        row["related_alliances"] = related_alliances
        row["lead_image"] = image_info(row["lead_image"], request)
        if author_shown:
            row["author"] = row[AUTHOR_COLUMN]
        row["created_at"] = moment(row["created_at"])
        row["updated_at"] = moment(row["updated_at"])
        shown.append({name: row[name] for name in fields})
    return shown
