"""Load test: a mixed workload on gunicorn and PostgreSQL that loses nothing.

    python loadtest/run.py [--duration 60s] [--users 32]     (or: make loadtest)

1. Creates a dedicated PostgreSQL database (dropped first if it is there)
   and prepares it as the bench does (bench/harness.py): migrations, the
   bulk data at scale "small", static files, the demo, VACUUM ANALYZE.
2. Creates partner keys (read and write) and liaison accounts.
3. Serves the app with gunicorn (DEBUG off, plain HTTP on 127.0.0.1, rate
   limits out of the way, 2 x cores + 1 sync workers) and warms every worker.
4. Runs loadtest/locustfile.py with locust, headless, for --duration at
   --users concurrent users (one connection each, no think time).
5. Checks (loadtest/checks.py) that no response was a 5xx (locust's count
   and gunicorn's access log), that every acknowledged write is in the
   database exactly once, and that no acknowledged update was lost (each
   PATCH's history row follows the version its If-Match named).
6. Prints the table: requests, status codes and p50/p95/p99 latency per
   request group, then the checks; stops gunicorn and drops the database.

Exits 1 when a check fails. Logs, locust's statistics (CSV) and the record
of writes stay in the folder printed at the end. Not part of `make test`: it
needs a PostgreSQL server (DATABASE_URL names it; the database is --database).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import harness  # noqa: E402
from loadtest.checks import (  # noqa: E402
    check_responses,
    check_writes,
    read_stats,
    report,
)

LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
PASSWORD = "load-test-liaison-password"
WARM_PATHS = ["/", "/members/", "/news/", "/api/v1/members/", "/api/v1/posts/"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", default="60s", help="locust's --run-time")
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument(
        "--workers",
        type=int,
        default=2 * (os.cpu_count() or 2) + 1,
        help="gunicorn sync workers (default: 2 x cores + 1)",
    )
    parser.add_argument(
        "--server",
        default=os.environ.get("DATABASE_URL", DEFAULT_SERVER),
        help="a URL of the PostgreSQL server (its database part is ignored)",
    )
    parser.add_argument("--database", default="metropolis_load")
    parser.add_argument("--scale", default="small", help="generate_bulk's scale")
    parser.add_argument(
        "--keep-database", action="store_true", help="do not drop it at the end"
    )
    return parser.parse_args()


# Preparing the data ---


def prepare(args, config: dict) -> None:
    """The database made ready by the harness (migrated, bulk data, demo),
    then keys and liaison accounts; fills `config` with what the locustfile
    needs."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from alliances.models import Alliance
    from members.models import Liaison, MemberCity, Region
    from members.viewers import ANONYMOUS
    from news.models import Category, NewsPost

    harness.prepare_database(args.scale)
    for scope in ("read", "write"):
        config[f"{scope}_keys"] = harness.create_api_keys(
            owner="load-partner",
            scope=scope,
            names=[f"load {scope} {n}" for n in range(4)],
        )

    User = get_user_model()
    active = MemberCity.objects.active().order_by("slug")
    # Writers update these; nothing else writes to them.
    targets = list(active.values_list("slug", "summary")[:8])
    config["patch_targets"] = [slug for slug, _ in targets]
    config["initial_summaries"] = dict(targets)
    # One account per liaison user, each for its own city.
    hashed = make_password(PASSWORD)  # the settings' hasher, hashed once
    config["liaisons"] = []
    for number, member in enumerate(active[8 : 8 + args.users]):
        user = User.objects.create(
            username=f"load-liaison-{number}",
            email=f"load-liaison-{number}@example.org",
            password=hashed,
        )
        Liaison.objects.create(user=user, member=member)
        config["liaisons"].append(
            {"username": user.username, "password": PASSWORD, "member": member.slug}
        )

    config["members"] = list(active.values_list("slug", flat=True))
    config["regions"] = list(Region.objects.values_list("slug", flat=True))
    config["alliances"] = list(
        Alliance.objects.visible_to(ANONYMOUS).values_list("slug", flat=True)
    )
    config["posts"] = list(NewsPost.objects.published().values_list("slug", flat=True))
    config["categories"] = [
        {"slug": slug, "pk": pk}
        for pk, slug in Category.objects.values_list("pk", "slug")
    ]
    # Pages of 24 members: read deep, not past the end. (News pages go by
    # "Older news" links.)
    config["directory_pages"] = max(1, active.count() // 24)
    counts = {
        "members": len(config["members"]),
        "public alliances": len(config["alliances"]),
        "published posts": len(config["posts"]),
    }
    print("  " + ", ".join(f"{label} {count}" for label, count in counts.items()))


# Serving ---


def run_locust(args, port: int, config_file: Path, out: Path) -> int:
    command = [
        *(sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless"),
        *("--host", f"http://127.0.0.1:{port}"),
        *("--users", str(args.users), "--spawn-rate", str(args.users)),
        *("--run-time", args.duration, "--stop-timeout", "30"),
        *("--only-summary", "--loglevel", "WARNING"),
        # Failures are judged by run.py's checks, not by locust's exit code.
        *("--exit-code-on-error", "0"),
    ]
    env = {**os.environ, "LOADTEST_CONFIG": str(config_file)}
    with (out / "locust-output.txt").open("w") as output:
        return subprocess.run(
            command, env=env, cwd=ROOT, stdout=output, stderr=output, check=False
        ).returncode


def main() -> int:
    args = parse_args()
    harness.require_postgres(args.server)
    url = harness.database_url(args.server, args.database)
    out = Path(tempfile.mkdtemp(prefix="metropolis-loadtest-"))
    env = harness.server_environment(database_url=url)
    config = {
        "writes_file": str(out / "writes.jsonl"),
        "status_file": str(out / "statuses.json"),
        "stats_file": str(out / "stats.csv"),
    }
    config_file = out / "config.json"

    print(f"Preparing database {args.database} …")
    started = time.monotonic()
    harness.drop_database(url)
    harness.create_database(url)
    harness.setup_django(env)  # for prepare() and the checks, in this process
    from django.db import connections

    server = None
    try:
        prepare(args, config)
        config_file.write_text(json.dumps(config, indent=1))
        print(f"  ready in {time.monotonic() - started:.0f} s")
        connections.close_all()

        server = harness.Gunicorn(env, args.workers, out)
        server.wait_ready()
        print(
            f"gunicorn: {args.workers} sync workers, port {server.port}; warming up …"
        )
        server.warm(WARM_PATHS)
        warm_up = server.status_counts()

        print(
            f"locust: {args.users} users for {args.duration} (load average before: "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores) …"
        )
        cpu_before = server.cpu_seconds()
        run_locust(args, server.port, config_file, out)
        cpu = server.cpu_seconds() - cpu_before
        counts = json.loads(Path(config["status_file"]).read_text())
        statuses = counts["statuses"]
        print("  " + ", ".join(f"{n} {kind}" for kind, n in counts["users"].items()))
        rows = read_stats(out, statuses)
        writes = [
            json.loads(line)
            for line in Path(config["writes_file"]).read_text().splitlines()
        ]
        results = [
            *check_responses(rows, server.status_counts() - warm_up),
            *check_writes(config, writes),
        ]
        passed = report(rows, statuses, writes, results, cpu)
        print()
        print(f"Logs, locust's statistics and the writes: {out}")
        print("All checks passed." if passed else "FAILED.")
        return 0 if passed else 1
    finally:
        if server is not None:
            server.stop()
        connections.close_all()
        if not args.keep_database:
            harness.drop_database(url)


if __name__ == "__main__":
    sys.exit(main())
