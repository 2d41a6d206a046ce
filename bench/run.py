"""Benchmark the key pages and API requests on bulk data, against a baseline.

    python bench/run.py --db sqlite|postgres --scale small|medium|large

Prepares a dedicated database (migrate, bulk data unless already there, the
demo, a read API key), counts the queries of each request in-process, then
serves the app and bench/baseline.py with gunicorn (2 sync workers, DEBUG
off), warms every worker and measures single-client latency (p50/p95), the
requests per second at 8 connections (wrk) and the response size. Prints a
table and writes JSON to bench-results/<db>-<scale>.json. See bench/README.md.
"""

import argparse
import http.client
import json
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results"
SQLITE_PATH = RESULTS / "metropolis_bench.sqlite3"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/metropolis_bench"
SEARCH_TERM = "harbour"
WRK_MISSING = (
    "wrk is needed for the requests-per-second figures: apt-get install -y wrk"
)

sys.path.insert(0, str(ROOT))


@dataclass
class Target:
    name: str
    path: str
    headers: dict = field(default_factory=dict)
    status: int = 200
    api: bool = False
    extra: bool = False  # not in the issue's list; measured to help item 3


@dataclass
class Result:
    name: str
    path: str
    status: int = 0
    queries: int | None = None
    slowest_query_ms: float | None = None
    slowest_query: str = ""
    # Each query's time (ms) and the start of its SQL.
    query_log: list = field(default_factory=list)
    plan: str = ""
    samples: int = 0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    rps: float = 0.0
    wrk_non_2xx_3xx: int = 0
    wrk_latency: dict = field(default_factory=dict)
    bytes: int = 0
    p50_vs_baseline: float | None = None
    p95_vs_baseline: float | None = None
    rps_vs_baseline: float | None = None
    api: bool = False
    extra: bool = False


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--scale", choices=["tiny", "small", "medium", "large"], default="small"
    )
    parser.add_argument("--output", type=Path, help="JSON results file")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", POSTGRES_URL),
        help="PostgreSQL database to use (created if missing)",
    )
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument(
        "--max-sample-seconds",
        type=float,
        default=30.0,
        help="stop sampling a request after this long (at least 20 samples)",
    )
    parser.add_argument("--duration", type=int, default=10, help="wrk seconds")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", help="measure only targets whose name has this")
    return parser.parse_args()


def bench_environment(args) -> dict:
    env = {
        "DJANGO_SETTINGS_MODULE": "metropolis.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-not-for-production-use-0123456789",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        # The throttles still run, but never answer 429 under load.
        "DJANGO_API_RATE_ANON": "1000000/s",
        "DJANGO_API_RATE_READ": "1000000/s",
        "DJANGO_LOG_LEVEL": "WARNING",
        # Plain HTTP on 127.0.0.1: no redirect to HTTPS.
        "DJANGO_HTTPS": "0",
    }
    if args.db == "postgres":
        env["DATABASE_URL"] = args.database_url
    else:
        env["DJANGO_SQLITE_PATH"] = str(SQLITE_PATH)
    return env


def ensure_postgres_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1].split("?")[0]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if not exists:
            connection.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
            )


def prepare(args, info: dict) -> str:
    """Migrate, generate the bulk data if the scale is not there, load the
    demo; returns a new read API key."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from partners.models import PartnerKey
    from tools.bulk import present_scale
    from tools.demo import load_demo

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    present = present_scale()
    if present == args.scale:
        print(f"Bulk data at scale {args.scale} already there: reused.")
    else:
        # In its own process, so that its peak memory is its own.
        print(f"Generating bulk data at scale {args.scale} (found: {present}) …")
        command = [sys.executable, "manage.py", "generate_bulk"]
        command += ["--scale", args.scale, *(["--reset"] if present else [])]
        connection.close()
        begin = time.monotonic()
        output = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, check=False
        )
        print(output.stdout, output.stderr, sep="", end="")
        if output.returncode:
            raise SystemExit("generate_bulk failed")
        info["generation_seconds"] = round(time.monotonic() - begin, 1)
        peak = re.search(r"peak RSS (\d+) MB", output.stdout)
        info["generation_peak_rss_mb"] = int(peak[1]) if peak else None
    load_demo()
    if connection.vendor == "postgresql":
        # What autovacuum does soon after a bulk load: fresh statistics, and
        # the visibility map that lets index-only scans skip the table.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    owner, _ = get_user_model().objects.get_or_create(username="bench-partner")
    PartnerKey.objects.filter(name="bench").delete()
    _, key = PartnerKey.objects.create_key(
        name="bench", owner=owner, scope=PartnerKey.Scope.READ
    )
    info["prepare_seconds"] = round(time.monotonic() - started, 1)
    return key


def build_targets(key: str) -> list[Target]:
    from django.test import Client
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
    detail = f"/api/v1/members/{member}/"
    etag = Client().get(detail, headers=api)["ETag"]
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
        Target("api posts cat+dates", f"/api/v1/posts/?{news_filter}", api, api=True),
        Target(
            "api posts 100",
            "/api/v1/posts/?page_size=100",
            api,
            api=True,
            extra=True,
        ),
        Target(
            "api posts 100 deep",
            f"/api/v1/posts/?page_size=100&cursor={api_posts_deep}",
            api,
            api=True,
            extra=True,
        ),
        Target(
            "api alliances expiring",
            "/api/v1/alliances/?expiring_within=90",
            api,
            api=True,
        ),
        Target(
            "api member 304",
            detail,
            {**api, "If-None-Match": etag},
            status=304,
            api=True,
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


def explain(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            return "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        # Rows are (id, parent id, -, detail): indent each under its parent.
        depth, lines = {0: -1}, []
        for node, parent, _, detail in cursor.fetchall():
            depth[node] = depth.get(parent, -1) + 1
            lines.append("  " * depth[node] + detail)
        return "\n".join(lines)


def count_queries(targets: list[Target], results: dict[str, Result]) -> None:
    """Each request in-process, twice: the second run is counted (caches warm,
    the API key's last-used time written at most once a minute)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    for target in targets:
        client.get(target.path, headers=target.headers)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(target.path, headers=target.headers)
        if response.status_code != target.status:
            raise SystemExit(
                f"{target.name}: {target.path} answered {response.status_code}, "
                f"not {target.status}"
            )
        result = results[target.name]
        result.queries = len(captured.captured_queries)
        result.query_log = [
            [round(float(query["time"]) * 1000, 1), query["sql"][:300]]
            for query in captured.captured_queries
        ]
        if captured.captured_queries:
            slowest = max(captured.captured_queries, key=lambda q: float(q["time"]))
            result.slowest_query_ms = round(float(slowest["time"]) * 1000, 1)
            result.slowest_query = slowest["sql"]
            if slowest["sql"].lstrip().upper().startswith("SELECT"):
                result.plan = explain(slowest["sql"])


# How a search shows in SQL: full-text match (PostgreSQL), regular expression
# (SQLite), or DRF's icontains.
SEARCH_SQL = re.compile(r"@@|\bREGEXP\b|\bLIKE\b", re.IGNORECASE)


def search_plans(target: Target) -> list[tuple[str, str]]:
    """The plans of the API member search's queries (count and page)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        Client().get(target.path, headers=target.headers)
    return [
        (query["sql"], explain(query["sql"]))
        for query in captured.captured_queries
        if SEARCH_SQL.search(query["sql"])
    ]


def git_commit() -> str:
    """The commit measured, with "+changes" when the tree differs from it."""

    def git(*args):
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD")
    return commit + (
        "+changes" if git("status", "--porcelain", "--untracked-files=no") else ""
    )


def database_version(connection) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
        cursor.execute("SELECT sqlite_version()")
        return f"SQLite {cursor.fetchone()[0]}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """A gunicorn master with `workers` sync workers on a free local port."""

    def __init__(self, app: str, env: dict, workers: int, chdir: Path, logs: Path):
        self.port = free_port()
        self.access_log = logs / f"{app.split(':')[0]}-access.log"
        self.error_log = logs / f"{app.split(':')[0]}-error.log"
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            app,
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--chdir",
            str(chdir),
            "--no-control-socket",
            "--access-logfile",
            str(self.access_log),
            # The worker's pid: tells which worker answered, for the warm-up.
            "--access-logformat",
            '%(p)s %(s)s "%(r)s"',
            "--error-logfile",
            str(self.error_log),
        ]
        self.process = subprocess.Popen(
            command, env={**os.environ, **env}, start_new_session=True
        )

    def wait_ready(self, path: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited; see {self.error_log}")
            try:
                if fetch(self.port, path, {})[0] < 500:
                    return
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"gunicorn did not answer in {timeout} s")

    def worker_pids(self) -> list[int]:
        output = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.process.pid)],
            capture_output=True,
            text=True,
        ).stdout
        return [int(pid) for pid in output.split()]

    def worker_rss_mb(self) -> dict[int, float]:
        rss = {}
        for pid in self.worker_pids():
            output = subprocess.run(
                ["ps", "-o", "rss=", "-p", str(pid)], capture_output=True, text=True
            ).stdout.strip()
            if output:
                rss[pid] = round(int(output) / 1024, 1)
        return rss

    def served_by(self) -> dict[str, set[str]]:
        """Request target -> pids of the workers that answered it."""
        served: dict[str, set[str]] = {}
        for line in self.access_log.read_text().splitlines():
            match = re.match(r'<(\d+)> \d+ "GET (\S+) ', line)
            if match:
                served.setdefault(match[2], set()).add(match[1])
        return served

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def fetch(port: int, path: str, headers: dict) -> tuple[int, int]:
    """One GET on a new connection (sync workers close it): status, body bytes."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, len(response.read())
    finally:
        connection.close()


def warm(server: Gunicorn, target: Target, workers: int) -> None:
    """Until every worker has answered this request at least once."""
    pids = {str(pid) for pid in server.worker_pids()}
    with ThreadPoolExecutor(workers) as pool:
        for _ in range(20):
            list(
                pool.map(
                    lambda _: fetch(server.port, target.path, target.headers),
                    range(2 * workers),
                )
            )
            if pids <= server.served_by().get(target.path, set()):
                return
    print(f"  warning: not every worker answered {target.name} during warm-up")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def sample(server: Gunicorn, target: Target, result: Result, args) -> None:
    timings = []
    started = time.monotonic()
    while len(timings) < args.samples and (
        len(timings) < 20 or time.monotonic() - started < args.max_sample_seconds
    ):
        begin = time.perf_counter()
        status, size = fetch(server.port, target.path, target.headers)
        timings.append((time.perf_counter() - begin) * 1000)
        if status != target.status:
            raise SystemExit(f"{target.name}: answered {status}, not {target.status}")
    result.status, result.bytes, result.samples = status, size, len(timings)
    result.p50_ms = round(percentile(timings, 0.50), 2)
    result.p95_ms = round(percentile(timings, 0.95), 2)


def load(server: Gunicorn, target: Target, result: Result, args) -> None:
    command = ["wrk", f"-t{min(2, args.connections)}", f"-c{args.connections}"]
    command += [f"-d{args.duration}s", "--latency"]
    for name, value in target.headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://127.0.0.1:{server.port}{target.path}")
    output = subprocess.run(command, capture_output=True, text=True).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if not match:
        raise SystemExit(f"wrk failed for {target.name}:\n{output}")
    result.rps = round(float(match[1]), 1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result.wrk_non_2xx_3xx = int(errors[1]) if errors else 0
    result.wrk_latency = dict(
        re.findall(r"^\s+(50%|75%|90%|99%)\s+(\S+)\s*$", output, re.MULTILINE)
    )


def measure(server: Gunicorn, target: Target, result: Result, args) -> None:
    print(f"  {target.name} …", flush=True)
    warm(server, target, args.workers)
    sample(server, target, result, args)
    load(server, target, result, args)


def ratio(value: float, base: float) -> float | None:
    return round(value / base, 2) if base else None


def print_table(results: list[Result], baseline: Result) -> None:
    header = (
        f"{'request':<26}{'st':>4}{'q':>4}{'top q ms':>9}{'p50 ms':>9}"
        f"{'p95 ms':>9}{'rps@8':>8}{'bytes':>9}{'p50 ×b':>8}{'p95 ×b':>8}"
        f"{'rps ×b':>8}"
    )
    print(header)
    print("-" * len(header))

    def fmt(value, spec):
        width = int(re.match(r">(\d+)", spec)[1])
        return format(value, spec) if value is not None else "-".rjust(width)

    for row in [*results, baseline]:
        name = row.name + (" *" if row.extra else "")
        print(
            f"{name:<26}{row.status:>4}{fmt(row.queries, '>4')}"
            f"{fmt(row.slowest_query_ms, '>9.1f')}{row.p50_ms:>9.2f}"
            f"{row.p95_ms:>9.2f}{row.rps:>8.1f}{row.bytes:>9}"
            f"{fmt(row.p50_vs_baseline, '>8.2f')}{fmt(row.p95_vs_baseline, '>8.2f')}"
            f"{fmt(row.rps_vs_baseline, '>8.2f')}"
        )
    print(
        "q: queries per request (in-process); top q ms: its slowest query; "
        "×b: ratio to the baseline (API rows); * extra request"
    )


def main() -> None:
    args = parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit(WRK_MISSING)
    started = time.monotonic()
    RESULTS.mkdir(exist_ok=True)
    env = bench_environment(args)
    os.environ.update(env)
    if args.db == "postgres":
        ensure_postgres_database(args.database_url)
    else:
        os.environ.pop("DATABASE_URL", None)

    import django

    django.setup()
    from django.db import connection, connections

    info = {
        "db": args.db,
        "scale": args.scale,
        "workers": args.workers,
        "connections": args.connections,
        "started": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "commit": git_commit(),
        "load_average_at_start": os.getloadavg()[0],
    }
    info["database"] = database_version(connection)
    key = prepare(args, info)
    targets = build_targets(key)
    if args.only:
        targets = [t for t in targets if args.only in t.name]
    results = {
        t.name: Result(t.name, t.path, api=t.api, extra=t.extra) for t in targets
    }
    print("Counting queries in-process …")
    count_queries(targets, results)
    search = next((t for t in targets if t.name == "api members search"), None)
    search_plan = search_plans(search) if search else []
    connections.close_all()

    logs = Path(tempfile.mkdtemp(prefix="bench-logs-"))
    app = Gunicorn("metropolis.wsgi:application", env, args.workers, ROOT, logs)
    base = Gunicorn("baseline:application", env, args.workers, ROOT / "bench", logs)
    baseline = Result("baseline (bare SQL+json)", "/", queries=1, api=True)
    try:
        app.wait_ready("/healthz")
        base.wait_ready("/")
        print(f"Measuring: one client, then wrk at {args.connections} connections …")
        measure(base, Target(baseline.name, "/"), baseline, args)
        for target in targets:
            measure(app, target, results[target.name], args)
        rss = {"app": app.worker_rss_mb(), "baseline": base.worker_rss_mb()}
    finally:
        app.stop()
        base.stop()
    for result in results.values():
        if result.api:
            result.p50_vs_baseline = ratio(result.p50_ms, baseline.p50_ms)
            result.p95_vs_baseline = ratio(result.p95_ms, baseline.p95_ms)
            result.rps_vs_baseline = ratio(result.rps, baseline.rps)

    info["run_seconds"] = round(time.monotonic() - started, 1)
    info["load_average_at_end"] = os.getloadavg()[0]
    print()
    print(
        f"{info['database']} at scale {args.scale}, {args.workers} gunicorn sync "
        f"workers, commit {info['commit']}; load average "
        f"{info['load_average_at_start']:.1f} at start, "
        f"{info['load_average_at_end']:.1f} at end"
    )
    print_table(list(results.values()), baseline)
    print()
    print("Gunicorn workers' RSS after the run (MB):", json.dumps(rss))
    for sql, plan in search_plan:
        print()
        print("API member search: " + sql)
        print(plan)
    output = args.output or RESULTS / f"{args.db}-{args.scale}.json"
    output.write_text(
        json.dumps(
            {
                "info": info,
                "results": [asdict(r) for r in results.values()],
                "baseline": asdict(baseline),
                "worker_rss_mb": rss,
                "search_plans": [{"sql": s, "plan": p} for s, p in search_plan],
            },
            indent=2,
        )
    )
    print(f"\nResults written to {output} ({info['run_seconds']} s in all).")


if __name__ == "__main__":
    main()
