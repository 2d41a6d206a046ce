"""Benchmark the key pages and API requests on bulk data, against a baseline.

    python bench/run.py --db sqlite|postgres --scale small|medium|large

Prepares a dedicated database (migrate, bulk data unless already there, the
demo, a read API key), counts the queries of each request in-process (the
requests: bench/targets.py), then serves the app and bench/baseline.py with
gunicorn (2 sync workers, DEBUG off), warms every worker and measures
single-client latency (p50/p95), the requests per second at 8 connections
(wrk) and the response size; each API request is compared with the
baseline of its kind (the member list's page or the post list's). Prints a
table and writes JSON to
bench-results/<db>-<scale>.json. Preparing and serving are bench/harness.py's,
shared with loadtest/run.py. See bench/README.md.
"""

import argparse
import contextlib
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import harness  # noqa: E402
from bench.admin import measure_admin, print_admin_table  # noqa: E402
from bench.targets import BASELINES, Target, build_targets, compare  # noqa: E402

RESULTS = ROOT / "bench-results"
SQLITE_PATH = RESULTS / "metropolis_bench.sqlite3"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/metropolis_bench"
# The issue's target for every admin changelist and its search (in-process).
ADMIN_LIMIT_MS = 150
WRK_MISSING = (
    "wrk is needed for the requests-per-second figures: apt-get install -y wrk"
)


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
    # The baseline the ratios above are to (BASELINES).
    baseline: str = ""
    # That baseline's p50 and p95 (ms) sampled in turns with this request,
    # one request each: the p50 and p95 ratios are to these, so that the
    # machine's speed, which drifts during a run, weighs on both alike.
    paired_baseline_ms: dict = field(default_factory=dict)
    # A post list's p50, p95 and rps ratios to the member baseline, as
    # compared before the posts had a baseline of their own.
    vs_members_baseline: dict = field(default_factory=dict)
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
    parser.add_argument(
        "--only", help="measure only requests and admin pages whose name has this"
    )
    parser.add_argument(
        "--admin-runs",
        type=int,
        default=10,
        help="runs of each admin page in-process (0: no admin section)",
    )
    return parser.parse_args()


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
        with api_cache(target):
            first = client.get(target.path, headers=target.headers)
            if target.conditional:
                target = target.with_etag(first["ETag"])
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


def api_cache(target: Target):
    """In-process, the API cache a target is served with: a cold one's
    misses every time (bench/cold_settings.py)."""
    from django.conf import settings
    from django.test.utils import override_settings

    if not target.cold:
        return contextlib.nullcontext()
    from bench.cold_settings import API_CACHE_MISSES

    return override_settings(CACHES={**settings.CACHES, "api": API_CACHE_MISSES})


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


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def sample(
    server: harness.Gunicorn,
    target: Target,
    result: Result,
    args,
    paired: tuple[harness.Gunicorn, Target] | None = None,
) -> None:
    """`target`'s p50 and p95 from one client; with `paired` (a baseline's
    server and request), that baseline's too, fetched in turns with it."""
    timings, paired_timings = [], []
    started = time.monotonic()
    while len(timings) < args.samples and (
        len(timings) < 20 or time.monotonic() - started < args.max_sample_seconds
    ):
        begin = time.perf_counter()
        status, size, _ = server.fetch(target.path, target.headers)
        timings.append((time.perf_counter() - begin) * 1000)
        if status != target.status:
            raise SystemExit(f"{target.name}: answered {status}, not {target.status}")
        if paired is not None:
            base_server, base_target = paired
            begin = time.perf_counter()
            base_server.fetch(base_target.path, base_target.headers)
            paired_timings.append((time.perf_counter() - begin) * 1000)
    result.status, result.bytes, result.samples = status, size, len(timings)
    result.p50_ms = round(percentile(timings, 0.50), 2)
    result.p95_ms = round(percentile(timings, 0.95), 2)
    if paired_timings:
        result.paired_baseline_ms = {
            "p50": round(percentile(paired_timings, 0.50), 2),
            "p95": round(percentile(paired_timings, 0.95), 2),
        }


def load(server: harness.Gunicorn, target: Target, result: Result, args) -> None:
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


def measure(
    server: harness.Gunicorn, target: Target, result: Result, args, paired=None
) -> None:
    print(f"  {target.name} …", flush=True)
    if target.conditional:
        target = target.with_etag(server.fetch(target.path, target.headers).etag)
    server.warm([target.path], target.headers)
    sample(server, target, result, args, paired)
    load(server, target, result, args)


def print_table(results: list[Result], baselines: list[Result]) -> None:
    header = (
        f"{'request':<26}{'st':>4}{'q':>4}{'top q ms':>9}{'p50 ms':>9}"
        f"{'p95 ms':>9}{'rps@8':>8}{'bytes':>9}{'b p50':>7}{'p50 ×b':>8}{'p95 ×b':>8}"
        f"{'rps ×b':>8}"
    )
    print(header)
    print("-" * len(header))

    def fmt(value, spec):
        width = int(re.match(r">(\d+)", spec)[1])
        return format(value, spec) if value is not None else "-".rjust(width)

    for row in [*results, *baselines]:
        name = row.name + (" *" if row.extra else "")
        print(
            f"{name:<26}{row.status:>4}{fmt(row.queries, '>4')}"
            f"{fmt(row.slowest_query_ms, '>9.1f')}{row.p50_ms:>9.2f}"
            f"{row.p95_ms:>9.2f}{row.rps:>8.1f}{row.bytes:>9}"
            f"{fmt(row.paired_baseline_ms.get('p50'), '>7.2f')}"
            f"{fmt(row.p50_vs_baseline, '>8.2f')}{fmt(row.p95_vs_baseline, '>8.2f')}"
            f"{fmt(row.rps_vs_baseline, '>8.2f')}"
        )
    print(
        "q: queries per request (in-process); top q ms: its slowest query; "
        "×b: ratio to the request's own baseline (API rows: the post lists' "
        "to the posts', the others' to the members'); p50 and p95 ×b to "
        "that baseline sampled in turns with the request (b p50), rps ×b "
        "to its own wrk run; * extra request"
    )


def serve(env: dict, targets, results, baselines: dict, args) -> dict:
    """The app and the baselines served by gunicorn, each measured;
    returns the workers' resident memory after the run."""
    logs = Path(tempfile.mkdtemp(prefix="bench-logs-"))
    app = harness.Gunicorn(env, args.workers, logs)
    base = harness.Gunicorn(
        env, args.workers, logs, app="baseline:application", chdir=ROOT / "bench"
    )
    # The cold requests' app: the same, with an API cache that always misses.
    cold = harness.Gunicorn(
        {**env, "DJANGO_SETTINGS_MODULE": "bench.cold_settings"},
        args.workers,
        logs,
        name="cold",
    )
    try:
        app.wait_ready("/healthz")
        base.wait_ready("/")
        cold.wait_ready("/healthz")
        print(f"Measuring: one client, then wrk at {args.connections} connections …")
        for baseline in baselines.values():
            measure(base, Target(baseline.name, baseline.path), baseline, args)
        for target in targets:
            # An API request is sampled in turns with its baseline.
            own = baselines[target.baseline] if target.api else None
            paired = (base, Target(own.name, own.path)) if own else None
            server = cold if target.cold else app
            measure(server, target, results[target.name], args, paired)
        return {"app": app.worker_rss_mb(), "baseline": base.worker_rss_mb()}
    finally:
        app.stop()
        base.stop()
        cold.stop()


def main() -> None:
    args = parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit(WRK_MISSING)
    started = time.monotonic()
    RESULTS.mkdir(exist_ok=True)
    if args.db == "postgres":
        harness.require_postgres(args.database_url)
        harness.create_database(args.database_url)
        env = harness.server_environment(database_url=args.database_url)
    else:
        env = harness.server_environment(sqlite_path=SQLITE_PATH)
    harness.setup_django(env)
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
    info.update(harness.prepare_database(args.scale))
    [key] = harness.create_api_keys(
        owner="bench-partner", scope="read", names=["bench"]
    )
    targets = build_targets(key)
    if args.only:
        targets = [t for t in targets if args.only in t.name]
    results = {
        t.name: Result(t.name, t.path, api=t.api, extra=t.extra, baseline=t.baseline)
        for t in targets
    }
    print("Counting queries in-process …")
    count_queries(targets, results)
    search = next((t for t in targets if t.name == "api members search"), None)
    search_plan = search_plans(search) if search else []
    admin = []
    if args.admin_runs:
        print("Admin pages in-process …")
        admin = measure_admin(args.admin_runs, args.only)
    connections.close_all()

    baselines = {
        name: Result(label, path, queries=1, api=True)
        for name, (label, path) in BASELINES.items()
    }
    rss = serve(env, targets, results, baselines, args) if targets else {}
    compare(list(results.values()), baselines)

    info["run_seconds"] = round(time.monotonic() - started, 1)
    info["load_average_at_end"] = os.getloadavg()[0]
    print()
    print(
        f"{info['database']} at scale {args.scale}, {args.workers} gunicorn sync "
        f"workers, commit {info['commit']}; load average "
        f"{info['load_average_at_start']:.1f} at start, "
        f"{info['load_average_at_end']:.1f} at end"
    )
    print_table(list(results.values()), list(baselines.values()))
    if admin:
        print()
        print_admin_table(admin, ADMIN_LIMIT_MS)
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
                # "baseline": the member one, as in runs before the posts'.
                "baseline": asdict(baselines["members"]),
                "baselines": {name: asdict(b) for name, b in baselines.items()},
                "worker_rss_mb": rss,
                "search_plans": [{"sql": s, "plan": p} for s, p in search_plan],
                "admin": [asdict(a) for a in admin],
            },
            indent=2,
        )
    )
    print(f"\nResults written to {output} ({info['run_seconds']} s in all).")


if __name__ == "__main__":
    main()
