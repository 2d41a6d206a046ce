"""What the bench measures: the key pages and API requests, on the bulk data
at the scale stored (a member city from the middle, a post a quarter in, the
last page of each list), and the bare baselines the API requests are
compared with."""

import math
from dataclasses import dataclass, field, replace

SEARCH_TERM = "harbour"
# The bare baselines (bench/baseline.py), by the name a Target gives: their
# table rows and paths.
BASELINES = {
    "members": ("baseline: members", "/"),
    "posts": ("baseline: posts", "/posts/"),
}


@dataclass
class Target:
    name: str
    path: str
    headers: dict = field(default_factory=dict)
    status: int = 200
    api: bool = False
    extra: bool = False  # not in the list; measured to help item 3
    # Sent with If-None-Match naming the ETag its own answer carries, taken
    # from the server measured: the tag covers the representation, links
    # (and so the host) included.
    conditional: bool = False
    # Served by the app with an API cache that always misses
    # (bench/cold_settings.py): the list made afresh at every request.
    cold: bool = False
    # The bare baseline its ratios are to (BASELINES): the member list's
    # page, or the post list's for the post lists.
    baseline: str = "members"

    def with_etag(self, etag: str) -> "Target":
        return replace(self, headers={**self.headers, "If-None-Match": etag})


def build_targets(key: str) -> list[Target]:
    from django.utils import timezone

    from members.models import MemberCity
    from news.models import NewsPost
    from tools.bulk import PREFIX, SCALES, present_scale

    api = {"Authorization": f"Api-Key {key}"}
    scale = SCALES[present_scale()]
    member = f"{PREFIX}city-{scale.members // 2:05d}"
    post = (
        NewsPost.objects.published()
        .filter(slug__startswith=PREFIX)
        .order_by("slug")
        .values_list("slug", flat=True)[scale.posts // 4]
    )
    directory_pages = math.ceil(MemberCity.objects.active().count() / 24)
    api_member_pages = math.ceil(MemberCity.objects.count() / 100)
    # News pages by cursor: the deep ones start at the last 10 (HTML) or 100
    # (API) public posts, in the lists' order.
    news_deep = deep_cursor(NewsPost.objects.published(), 10)
    api_posts_deep = deep_cursor(NewsPost.objects.published(), 100)
    today = timezone.localdate()
    news_filter = (
        f"category={PREFIX}urban-innovation"
        f"&published_after={today.replace(year=today.year - 6).isoformat()}"
        f"&published_before={today.replace(year=today.year - 1).isoformat()}"
    )
    return [
        Target("home", "/"),
        Target("member directory p1", "/members/"),
        Target("member directory deep", f"/members/?page={directory_pages}"),
        Target("member page", f"/members/{member}/"),
        Target("news list p1", "/news/"),
        Target("news list deep", f"/news/?cursor={news_deep}"),
        Target("news post", f"/news/{post}/"),
        Target("atom feed", "/news/feed/"),
        Target("api members 100", "/api/v1/members/?page_size=100", api, api=True),
        Target(
            "api members 100 deep",
            f"/api/v1/members/?page_size=100&page={api_member_pages}",
            api,
            api=True,
            extra=True,
        ),
        Target(
            "api members search",
            f"/api/v1/members/?page_size=100&search={SEARCH_TERM}",
            api,
            api=True,
            extra=True,
        ),
        Target(
            "api posts cat+dates",
            f"/api/v1/posts/?{news_filter}",
            api,
            api=True,
            baseline="posts",
        ),
        Target(
            "api posts 100",
            "/api/v1/posts/?page_size=100",
            api,
            api=True,
            extra=True,
            baseline="posts",
        ),
        Target(
            "api posts 100 deep",
            f"/api/v1/posts/?page_size=100&cursor={api_posts_deep}",
            api,
            api=True,
            extra=True,
            baseline="posts",
        ),
        Target(
            "api members 100 cold",
            "/api/v1/members/?page_size=100",
            api,
            api=True,
            cold=True,
        ),
        Target(
            "api posts 100 cold",
            "/api/v1/posts/?page_size=100",
            api,
            api=True,
            cold=True,
            baseline="posts",
        ),
        Target(
            "api alliances expiring",
            "/api/v1/alliances/?expiring_within=90",
            api,
            api=True,
        ),
        Target(
            "api member 304",
            f"/api/v1/members/{member}/",
            api,
            status=304,
            api=True,
            conditional=True,
        ),
    ]


def deep_cursor(public_posts, last: int) -> str:
    """The cursor of the page holding the last `last` public posts, newest
    first (the order of the news list and of the API's posts)."""
    from core import keyset

    ordered = public_posts.order_by("-published_at")
    keys = keyset.ordering_keys(ordered, non_null=["published_at"])
    ordered = ordered.order_by(*(key.term() for key in keys))
    row = ordered[ordered.count() - last - 1]
    return keyset.encode_cursor(keys, keyset.row_position(keys, row))


def ratio(value: float, base: float) -> float | None:
    return round(value / base, 2) if base else None


def ratios(result, baseline, paired: dict | None = None) -> dict:
    """A measured request's p50, p95 and rps over a baseline's (both
    bench/run.py Results); p50 and p95 over `paired` ({"p50", "p95"}: the
    baseline sampled in turns with the request) when given."""
    times = paired or {"p50": baseline.p50_ms, "p95": baseline.p95_ms}
    return {
        "p50": ratio(result.p50_ms, times["p50"]),
        "p95": ratio(result.p95_ms, times["p95"]),
        "rps": ratio(result.rps, baseline.rps),
    }


def compare(results: list, baselines: dict) -> None:
    """Each API request's ratios to its own baseline (a Result's `baseline`
    names it in `baselines`), sampled in turns with it where it was; a post
    list's to the member baseline's own run too, as runs before the posts
    had their own compared them."""
    for result in results:
        if not result.api:
            continue
        own = ratios(result, baselines[result.baseline], result.paired_baseline_ms)
        result.p50_vs_baseline = own["p50"]
        result.p95_vs_baseline = own["p95"]
        result.rps_vs_baseline = own["rps"]
        if result.baseline != "members":
            result.vs_members_baseline = ratios(result, baselines["members"])
