"""The public pages at two data sizes: does a page grow with the data?

    python bench/pages.py --db sqlite|postgres [--sizes small large] [--runs 30]

Loads the bulk data at each size into a dedicated database of its own (the
PostgreSQL database `<name>_<size>`, or bench-results/pages-<size>.sqlite3;
reused while it holds that size; the harness's preparation: migrate,
generate_bulk, static files, the demo, VACUUM ANALYZE on PostgreSQL), then
fetches the home page and every public list page in-process
(django.test.Client, DEBUG off, anonymous, English): once to warm it, once
under CaptureQueriesContext for its queries, its bytes and its slowest query
(with the plan on PostgreSQL), then `--runs` times for the p50.
Prints one table with each page's p50 at both sizes, their ratio, queries and
kB; writes everything to bench-results/pages-<db>.json. See bench/README.md,
"Pages at two data sizes".
"""

import argparse
import json
import math
import os
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import harness  # noqa: E402
from bench.run import database_version, explain, git_commit  # noqa: E402

RESULTS = ROOT / "bench-results"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/metropolis_pages"
# The limit: a page at the larger size within 1.2× its p50 at the
# smaller one.
LIMIT = 1.2


@dataclass
class Measure:
    path: str
    status: int = 0
    queries: int = 0
    bytes: int = 0
    runs: int = 0
    p50_ms: float = 0.0
    slowest_query_ms: float = 0.0
    slowest_query: str = ""
    plan: str = ""
    # Each query's time (ms) and the start of its SQL.
    query_log: list = field(default_factory=list)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--sizes",
        nargs=2,
        choices=["tiny", "small", "medium", "large"],
        default=["small", "large"],
        metavar=("SMALLER", "LARGER"),
        help="the two bulk scales compared (default: small large)",
    )
    parser.add_argument("--runs", type=int, default=30, help="timed runs per page")
    parser.add_argument("--only", help="measure only the pages whose name has this")
    parser.add_argument("--output", type=Path, help="JSON results file")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_PAGES_DATABASE_URL", POSTGRES_URL),
        help="PostgreSQL database: <name>_<size> is used for each size (created "
        "if missing)",
    )
    return parser.parse_args()


def pages() -> list[tuple[str, str]]:
    """(name, path) of the home page and every public list page, the long
    lists' last page too, on the data stored."""
    from django.urls import reverse

    from bench.targets import deep_cursor
    from members.models import MemberCity, Region
    from news.models import Category, NewsPost
    from tools.bulk import PREFIX

    directory = reverse("members:member-list")
    last = math.ceil(MemberCity.objects.active().count() / 24)
    region = Region.objects.order_by("code").first()
    category = Category.objects.filter(slug__startswith=PREFIX).order_by("slug")[0]
    news = reverse("news:post-list")
    return [
        ("home", reverse("home")),
        ("directory p1", directory),
        ("directory last", f"{directory}?page={last}"),
        ("directory middle", f"{directory}?page={max(1, last // 2)}"),
        ("directory of a region", f"{directory}?region={region.slug}"),
        ("directory by population", f"{directory}?ordering=-population"),
        ("board", reverse("members:board")),
        ("regional secretariats", reverse("members:secretariats")),
        ("member map", reverse("publicdata:member-map")),
        ("alliances", reverse("alliances:alliance-list")),
        ("strategic plans", reverse("alliances:plan-list")),
        ("news p1", news),
        ("news deep", f"{news}?cursor={deep_cursor(NewsPost.objects.published(), 10)}"),
        ("news category", category.get_absolute_url()),
        ("atom feed", reverse("news:feed")),
        ("category feed", reverse("news:category-feed", args=[category.slug])),
        ("meetings", reverse("governance:meeting-list")),
        ("in figures", reverse("publicdata:charts")),
        ("open data", reverse("publicdata:open-data")),
        ("sitemap index", reverse("sitemap")),
    ]


def first_look(path: str) -> Measure:
    """`path` fetched once to warm it, then once more for its status, bytes
    and queries (the slowest with its plan)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    result = Measure(path)
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    result.status = response.status_code
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    result.bytes = len(response.content)
    queries = captured.captured_queries
    result.queries = len(queries)
    result.query_log = [
        [round(float(query["time"]) * 1000, 1), query["sql"][:300]] for query in queries
    ]
    if queries:
        slowest = max(queries, key=lambda query: float(query["time"]))
        result.slowest_query_ms = round(float(slowest["time"]) * 1000, 1)
        result.slowest_query = slowest["sql"]
        if slowest["sql"].lstrip().upper().startswith("SELECT"):
            result.plan = explain(slowest["sql"])
    return result


def timed(client, path: str) -> float:
    begin = time.perf_counter()
    client.get(path)
    return (time.perf_counter() - begin) * 1000


def environment(args, size: str) -> dict:
    """The settings of the database of `size` (created if missing): one per
    size, so that switching sizes removes nothing (and no demo record is left
    pointing at bulk rows of another size)."""
    if args.db == "postgres":
        url = f"{args.database_url}_{size}"
        harness.require_postgres(url)
        harness.create_database(url)
        return harness.server_environment(database_url=url)
    return harness.server_environment(sqlite_path=RESULTS / f"pages-{size}.sqlite3")


def open_database(env: dict):
    """A connection to the database of `env`, made the default one (a
    settings dict of its own: a connection keeps the dict it was made
    with)."""
    from django.db import connections

    os.environ.update(env)
    if "DATABASE_URL" in env:
        import dj_database_url

        name = dj_database_url.parse(env["DATABASE_URL"])["NAME"]
    else:
        name = env["DJANGO_SQLITE_PATH"]
    connections.settings["default"] = {**connections.settings["default"], "NAME": name}
    del connections["default"]
    return connections["default"]


def use(wrapper) -> None:
    """`wrapper` (from open_database) as the default connection."""
    from django.db import connections

    connections["default"] = wrapper
    wrapper.ensure_connection()


def measure_pages(databases: dict, args) -> dict[str, dict[str, Measure]]:
    """Each page at each size: looked at once per size, then timed `runs`
    times per size, the sizes taking turns request by request, so that a
    change in the machine's load weighs on both alike."""
    from django.core.cache import caches
    from django.test import Client

    # One client: a new one loads the middleware again at its first request.
    client = Client()
    for cache in caches.all():
        cache.clear()
    paths = {}
    for size, wrapper in databases.items():
        use(wrapper)
        paths[size] = dict(pages())
    results = {}
    for name in paths[next(iter(databases))]:
        if args.only and args.only not in name:
            continue
        print(f"  {name} …", flush=True)
        measures = {}
        for size, wrapper in databases.items():
            use(wrapper)
            measures[size] = first_look(paths[size][name])
        timings = {size: [] for size in databases}
        for _ in range(args.runs):
            for size, wrapper in databases.items():
                use(wrapper)
                timings[size].append(timed(client, paths[size][name]))
        for size, values in timings.items():
            values.sort()
            measures[size].runs = len(values)
            if values:
                measures[size].p50_ms = round(values[(len(values) - 1) // 2], 2)
        results[name] = measures
    return results


def print_table(smaller: str, larger: str, results: dict) -> None:
    header = (
        f"{'page':<26}{'p50 ' + smaller:>11}{'p50 ' + larger:>11}{'ratio':>7}"
        f"{'q':>8}{'kB':>13}{'top q ms':>15}"
    )
    print(header)
    print("-" * len(header))
    for name, (a, b) in results.items():
        ratio = b.p50_ms / a.p50_ms if a.p50_ms else 0
        flag = " *" if ratio > LIMIT else ""
        queries = f"{a.queries}/{b.queries}"
        kilobytes = f"{a.bytes / 1000:.1f}/{b.bytes / 1000:.1f}"
        top = f"{a.slowest_query_ms:.1f}/{b.slowest_query_ms:.1f}"
        print(
            f"{name:<26}{a.p50_ms:>11.1f}{b.p50_ms:>11.1f}{ratio:>7.2f}"
            f"{queries:>8}{kilobytes:>13}{top:>15}{flag}"
        )
    print(
        f"p50 ms in-process; q, kB, top q ms: {smaller}/{larger}; "
        f"* over {LIMIT}× from {smaller} to {larger}"
    )


def main() -> None:
    args = parse_args()
    smaller, larger = args.sizes
    started = time.monotonic()
    RESULTS.mkdir(exist_ok=True)
    harness.setup_django(environment(args, smaller))
    from django.db import connection

    info = {
        "db": database_version(connection),
        "sizes": args.sizes,
        "runs": args.runs,
        "commit": git_commit(),
        "started": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "load_average_at_start": os.getloadavg()[0],
    }
    databases = {}
    for size in (smaller, larger):
        databases[size] = open_database(environment(args, size))
        print(f"Preparing bulk {size} …", flush=True)
        harness.prepare_database(size)
    results = {
        name: (measures[smaller], measures[larger])
        for name, measures in measure_pages(databases, args).items()
    }
    info["load_average_at_end"] = os.getloadavg()[0]
    info["run_seconds"] = round(time.monotonic() - started, 1)
    print()
    print(
        f"{info['db']}, bulk {smaller} then {larger}, commit {info['commit']}, "
        f"p50 of {args.runs}; load average {info['load_average_at_start']:.1f} "
        f"at start, {info['load_average_at_end']:.1f} at end"
    )
    print_table(smaller, larger, results)
    output = args.output or RESULTS / f"pages-{args.db}.json"
    output.write_text(
        json.dumps(
            {
                "info": info,
                "pages": {
                    name: {smaller: asdict(a), larger: asdict(b)}
                    for name, (a, b) in results.items()
                },
            },
            indent=2,
        )
    )
    print(f"\nResults written to {output} ({info['run_seconds']} s in all).")


if __name__ == "__main__":
    main()
