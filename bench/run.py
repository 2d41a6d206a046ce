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
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import harness  # noqa: E402
from bench.admin import measure_admin, print_admin_table  # noqa: E402
from bench.measure import Result, measure, print_table  # noqa: E402
from bench.targets import BASELINES, Target, build_targets, compare  # noqa: E402

RESULTS = ROOT / "bench-results"
SQLITE_PATH = RESULTS / "metropolis_bench.sqlite3"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/metropolis_bench"
# The target for every admin changelist and its search (in-process).
ADMIN_LIMIT_MS = 150
WRK_MISSING = (
    "wrk is needed for the requests-per-second figures: apt-get install -y wrk"
)


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
