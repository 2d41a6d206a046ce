"""Keyset pagination (core.keyset): walking the pages forwards or
backwards gives every row once, in order, on SQLite and PostgreSQL, NULLs and
ties included; a cursor that is not one of ours is refused."""

import base64
import datetime
import json

import pytest
from django.utils import timezone

from core import keyset
from news.models import NewsPost
from tests import factories

pytestmark = pytest.mark.django_db

ORDERINGS = [
    ["-published_at"],
    ["published_at"],
    ["title"],
    ["-title", "published_at"],
    ["-pk"],
]


@pytest.fixture
def posts():
    """Fourteen posts: drafts without a publish time, and ties in time and title."""
    category = factories.CategoryFactory()
    base = timezone.now() - datetime.timedelta(days=30)
    made = []
    for number in range(14):
        draft = number % 5 == 0
        made.append(
            factories.NewsPostFactory(
                category=category,
                title=f"Post {number % 4}",
                status=NewsPost.Status.DRAFT if draft else NewsPost.Status.PUBLISHED,
                published_at=None
                if draft
                else base + datetime.timedelta(days=number // 3),
            )
        )
    return made


def walk_forwards(queryset, size, non_null=()):
    pages, cursor = [], None
    while True:
        page = keyset.paginate(queryset, cursor, size, non_null)
        pages.append(page)
        if page.next_cursor is None:
            return pages
        cursor = page.next_cursor


def ids(pages):
    return [row.pk for page in pages for row in page.rows]


@pytest.mark.parametrize("ordering", ORDERINGS)
@pytest.mark.parametrize("size", [1, 3, 14, 20])
def test_forward_pages_hold_every_row_once_in_order(posts, ordering, size):
    queryset = NewsPost.objects.order_by(*ordering)
    keys = keyset.ordering_keys(queryset)
    expected = [p.pk for p in queryset.order_by(*(key.term() for key in keys))]

    pages = walk_forwards(queryset, size)

    assert ids(pages) == expected
    assert len(pages) == max(1, -(-len(expected) // size))
    assert pages[0].previous_cursor is None
    assert all(page.previous_cursor for page in pages[1:])


@pytest.mark.parametrize("ordering", ORDERINGS)
def test_previous_links_lead_back_through_the_same_pages(posts, ordering):
    queryset = NewsPost.objects.order_by(*ordering)
    forwards = walk_forwards(queryset, 4)

    page, backwards = forwards[-1], []
    while page.previous_cursor:
        page = keyset.paginate(queryset, page.previous_cursor, 4)
        backwards.append([row.pk for row in page.rows])

    assert backwards == [[row.pk for row in p.rows] for p in forwards[-2::-1]]
    assert page.previous_cursor is None  # back on the first page


def test_published_posts_walk_with_a_bound_on_the_publish_time(posts):
    public = NewsPost.objects.published().order_by("-published_at")
    expected = [p.pk for p in public.order_by("-published_at", "-pk")]

    assert ids(walk_forwards(public, 3, non_null=["published_at"])) == expected


def test_a_row_added_meanwhile_neither_repeats_nor_skips_a_row(posts):
    later = timezone.now() + datetime.timedelta(hours=1)
    queryset = NewsPost.objects.published(now=later).order_by("-published_at")
    first = keyset.paginate(queryset, None, 3)
    # The newest of all: offset pages would show page 1's last row again.
    factories.NewsPostFactory(published_at=timezone.now())

    rest = walk_forwards_from(queryset, first.next_cursor, 3)

    seen = [row.pk for row in first.rows] + rest
    assert len(seen) == len(set(seen)) == queryset.count() - 1


def walk_forwards_from(queryset, cursor, size):
    seen = []
    while cursor:
        page = keyset.paginate(queryset, cursor, size)
        seen += [row.pk for row in page.rows]
        cursor = page.next_cursor
    return seen


def test_an_empty_list_is_one_empty_page():
    page = keyset.paginate(NewsPost.objects.all(), None, 10)

    assert (page.rows, page.next_cursor, page.previous_cursor) == ([], None, None)


def cursor_of(payload) -> str:
    text = json.dumps(payload).encode()
    return base64.urlsafe_b64encode(text).decode().rstrip("=")


ORDER = ["-published_at", "-id"]


@pytest.mark.parametrize(
    "cursor",
    [
        "junk",
        "%%%",
        "x" * 3000,
        cursor_of([1, 2]),
        cursor_of({"o": ["title", "id"], "v": ["a", 1]}),  # another order
        cursor_of({"o": ORDER, "v": ["2021-08-02T10:00:00+00:00"]}),
        cursor_of({"o": ORDER, "v": ["yesterday", 1]}),
        cursor_of({"o": ORDER, "v": ["2021-08-02T10:00:00", 1]}),  # naive
        cursor_of({"o": ORDER, "v": ["0001-01-01T00:00:00+14:00", 1]}),
        cursor_of({"o": ORDER, "v": ["2021-08-02T10:00:00+00:00", "1"]}),
        cursor_of({"o": ORDER, "v": ["2021-08-02T10:00:00+00:00", True]}),
        cursor_of({"o": ORDER, "v": ["2021-08-02T10:00:00+00:00", 2**70]}),
        cursor_of({"o": ORDER, "v": ["2021-08-02T10:00:00+00:00", None]}),
    ],
)
def test_a_cursor_that_is_not_ours_is_refused(posts, cursor):
    queryset = NewsPost.objects.order_by("-published_at")

    with pytest.raises(keyset.InvalidCursor):
        keyset.paginate(queryset, cursor, 5)


def test_a_null_publish_time_is_refused_where_none_can_be(posts):
    queryset = NewsPost.objects.published().order_by("-published_at")
    cursor = cursor_of({"o": ORDER, "v": [None, 1]})

    # Where NULLs sort depends on the database; the cursor is allowed.
    assert len(keyset.paginate(queryset, cursor, 5).rows) in (0, 5)
    with pytest.raises(keyset.InvalidCursor):
        keyset.paginate(queryset, cursor, 5, non_null=["published_at"])
