"""Load test: a mixed workload on gunicorn and PostgreSQL that loses nothing.

    python loadtest/run.py [--duration 60s] [--users 32]     (or: make loadtest)

1. Creates a dedicated PostgreSQL database (dropped first if it is there),
   migrates it and loads the demo and bulk data at scale "small".
2. Creates partner keys (read and write) and liaison accounts.
3. Serves the app with gunicorn (DEBUG off, plain HTTP on 127.0.0.1, rate
   limits out of the way, 2 x cores + 1 sync workers) and warms every worker.
4. Runs loadtest/locustfile.py with locust, headless, for --duration at
   --users concurrent users (one connection each, no think time).
5. Checks that no response was a 5xx (locust's count and gunicorn's access
   log), that every acknowledged write is in the database exactly once, and
   that no acknowledged update was lost (each PATCH's history row follows the
   version its If-Match named).
6. Prints the table: requests, status codes and p50/p95/p99 latency per
   request group, then the checks; stops gunicorn and drops the database.

Exits 1 when a check fails. Logs, locust's statistics (CSV) and the record
of writes stay in the folder printed at the end. Not part of `make test`: it
needs a PostgreSQL server (DATABASE_URL names it; the database is --database).
"""

import argparse
import csv
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
PASSWORD = "load-test-liaison-password"
WARM_PATHS = ["/", "/members/", "/news/", "/api/v1/members/", "/api/v1/posts/"]
# Load data: titles and names of the load test's writes carry this.
LOAD_TITLE = "Load test "
LOAD_PERSON = "Load person "

sys.path.insert(0, str(ROOT))


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


def database_url(server: str, name: str) -> str:
    base, _, _ = server.rpartition("/")
    return f"{base}/{name}"


def recreate_database(server: str, name: str, create: bool = True) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(database_url(server, "postgres"), autocommit=True) as db:
        db.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(name)
            )
        )
        if create:
            db.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def server_environment(url: str) -> dict:
    return {
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "metropolis.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "load-test-only-secret-key-not-for-production-0123456789",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on this machine: no redirect, no HSTS, no secure-only
        # cookies (the liaisons' session must travel over HTTP).
        "DJANGO_HTTPS": "0",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        # The throttles still run, but never answer 429 here.
        "DJANGO_API_RATE_ANON": "1000000/s",
        "DJANGO_API_RATE_READ": "1000000/s",
        "DJANGO_API_RATE_WRITE": "1000000/s",
        "DJANGO_API_RATE_USER": "1000000/s",
        "DJANGO_LOG_LEVEL": "WARNING",
    }


# Preparing the data ---------------------------------------------------------------


def prepare(args, config: dict) -> None:
    """Migrate, load the demo and bulk data, create keys and accounts, and fill
    `config` with what the locustfile needs."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command, get_commands
    from django.db import connection

    from alliances.models import Alliance
    from members.models import Liaison, MemberCity, Region
    from members.viewers import ANONYMOUS
    from news.models import Category, NewsPost
    from partners.models import PartnerKey

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", verbosity=0)
    if "generate_bulk" in get_commands():
        print(f"  bulk data, scale {args.scale} …")
        call_command("generate_bulk", scale=args.scale, verbosity=0)
    else:
        print("  generate_bulk is missing: factories instead …")
        add_factory_data()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    User = get_user_model()
    owner = User.objects.create(username="load-partner")
    config["read_keys"] = [
        PartnerKey.objects.create_key(name=f"load read {n}", owner=owner, scope="read")[
            1
        ]
        for n in range(4)
    ]
    config["write_keys"] = [
        PartnerKey.objects.create_key(
            name=f"load write {n}", owner=owner, scope="write"
        )[1]
        for n in range(4)
    ]

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


def add_factory_data() -> None:
    """Bulk-like data from the test factories, when generate_bulk is missing."""
    from members.models import Region
    from tests import factories

    regions = list(Region.objects.all())
    for number in range(100):
        member = factories.MemberCityFactory(
            name=f"Load City {number}",
            slug=f"load-city-{number:03d}",
            region=regions[number % len(regions)],
        )
        factories.PersonFactory(organisation=member)
        factories.AllianceFactory(granting=True, granting_member=member)
    category = factories.CategoryFactory(name="Load news", slug="load-news")
    factories.NewsPostFactory.create_batch(500, category=category)


# Serving ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """A gunicorn master with sync workers on a free local port."""

    def __init__(self, env: dict, workers: int, logs: Path):
        self.port = free_port()
        self.workers = workers
        self.access_log = logs / "gunicorn-access.log"
        self.error_log = logs / "gunicorn-error.log"
        command = [
            *(sys.executable, "-m", "gunicorn", "metropolis.wsgi:application"),
            *("--workers", str(workers), "--bind", f"127.0.0.1:{self.port}"),
            *("--chdir", str(ROOT), "--no-control-socket", "--timeout", "60"),
            *("--access-logfile", str(self.access_log)),
            # Worker pid, status, request line: for the warm-up and the 5xx count.
            *("--access-logformat", '%(p)s %(s)s "%(r)s"'),
            *("--error-logfile", str(self.error_log)),
        ]
        # Django's own log (e.g. each 4xx) goes to the error log too.
        with self.error_log.open("a") as log:
            self.process = subprocess.Popen(
                command,
                env={**os.environ, **env},
                stdout=log,
                stderr=log,
                start_new_session=True,
            )

    def fetch(self, path: str) -> int:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            return response.status
        finally:
            connection.close()

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited; see {self.error_log}")
            try:
                self.fetch("/healthz")
                return
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"gunicorn did not answer in {timeout} s")

    def worker_pids(self) -> set[str]:
        output = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.process.pid)],
            capture_output=True,
            text=True,
        ).stdout
        return set(output.split())

    def served(self) -> dict[str, set[str]]:
        """Path -> pids of the workers that answered it."""
        served: dict[str, set[str]] = defaultdict(set)
        for line in self.access_log.read_text().splitlines():
            match = re.match(r'<?(\d+)>? \d+ "GET (\S+) ', line)
            if match:
                served[match[2]].add(match[1])
        return served

    def warm(self) -> None:
        """Until every worker has answered each of WARM_PATHS."""
        pids = self.worker_pids()
        with ThreadPoolExecutor(self.workers) as pool:
            for _ in range(30):
                served = self.served()
                cold = [path for path in WARM_PATHS if not pids <= served[path]]
                if not cold:
                    return
                list(pool.map(self.fetch, cold * 2 * self.workers))
        print("  warning: not every worker answered every warm-up request")

    def cpu_seconds(self) -> float:
        """CPU time the workers have used so far (Linux)."""
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for pid in self.worker_pids():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / ticks

    def status_counts(self) -> Counter:
        counts: Counter = Counter()
        for line in self.access_log.read_text().splitlines():
            match = re.match(r"<?\d+>? (\d+) ", line)
            if match:
                counts[int(match[1])] += 1
        return counts

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


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


# Checking -------------------------------------------------------------------------


def stored_markers(queryset, field: str, prefix: str) -> Counter:
    """How many rows carry each marker: the last word of `field`."""
    values = queryset.filter(**{f"{field}__startswith": prefix})
    return Counter(
        value.rsplit(" ", 1)[-1] for value in values.values_list(field, flat=True)
    )


def check_writes(config: dict, writes: list[dict]) -> list[tuple[str, bool, str]]:
    """(check, passed, figure): each acknowledged write is in the database
    exactly once, and no acknowledged update overwrote a version it had not
    read."""
    from members.models import MemberCity, Person
    from news.models import NewsPost

    results = []

    posts = [w for w in writes if w["kind"] == "post"]
    titles = stored_markers(NewsPost.objects.all(), "title", LOAD_TITLE)
    ids = dict(
        NewsPost.objects.filter(pk__in=[w["id"] for w in posts]).values_list(
            "pk", "title"
        )
    )
    found = [
        w
        for w in posts
        if titles[w["marker"]] == 1 and ids.get(w["id"], "").endswith(w["marker"])
    ]
    ways = ", ".join(
        f"{n} {way}" for way, n in Counter(w["via"] for w in posts).items()
    )
    results.append(
        (
            f"news posts acknowledged ({ways}) stored once",
            len(found) == len(posts),
            f"{len(found)}/{len(posts)}",
        )
    )
    unacknowledged = set(titles) - {w["marker"] for w in posts}
    # Not a failure: a request cut off at the end may have been written.
    results.append(
        (
            "news posts stored but not acknowledged (info)",
            True,
            str(len(unacknowledged)),
        )
    )

    people = [w for w in writes if w["kind"] == "person"]
    names = stored_markers(Person.objects.all(), "name", LOAD_PERSON)
    found = [w for w in people if names[w["marker"]] == 1]
    results.append(
        (
            "people acknowledged stored once",
            len(found) == len(people),
            f"{len(found)}/{len(people)}",
        )
    )

    patches = [w for w in writes if w["kind"] == "patch"]
    versions = defaultdict(list)  # slug -> summaries, oldest first
    for slug, summary in (
        MemberCity.history.filter(slug__in=config["patch_targets"])
        # The row lock orders a city's updates: history ids follow the commits.
        .order_by("history_id")
        .values_list("slug", "summary")
    ):
        versions[slug].append(summary)
    found = [w for w in patches if versions[w["slug"]].count(w["value"]) == 1]
    results.append(
        (
            "member updates acknowledged in the history once",
            len(found) == len(patches),
            f"{len(found)}/{len(patches)}",
        )
    )
    lost = 0
    for w in found:
        chain = [config["initial_summaries"][w["slug"]], *versions[w["slug"]]]
        # The version before this update is the one its If-Match named.
        lost += chain[chain.index(w["value"], 1) - 1] != w["previous"]
    results.append(
        ("member updates made over a version they had not read", not lost, str(lost))
    )
    current = dict(
        MemberCity.objects.filter(slug__in=versions).values_list("slug", "summary")
    )
    latest = [slug for slug in versions if current[slug] == versions[slug][-1]]
    results.append(
        (
            "updated member cities holding their latest version",
            len(latest) == len(versions),
            f"{len(latest)}/{len(versions)}",
        )
    )
    return results


def read_stats(out: Path, statuses: dict[str, int]):
    """Rows of the table: one per request group, then the total."""
    codes: dict[str, Counter] = defaultdict(Counter)
    for key, count in statuses.items():
        name, status = key.split("\t")
        codes[name][int(status)] += count
        codes["Aggregated"][int(status)] += count
    rows = []
    with (out / "stats.csv").open() as stats:
        for row in csv.DictReader(stats):
            name = row["Name"]
            rows.append(
                {
                    "group": "all requests" if name == "Aggregated" else name,
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "codes": codes.get(name, Counter()),
                    "p50": row["50%"],
                    "p95": row["95%"],
                    "p99": row["99%"],
                    "rps": float(row["Requests/s"]),
                }
            )
    return rows


def print_table(rows) -> None:
    def codes_text(codes: Counter) -> str:
        return " ".join(
            f"{'none' if code == 0 else code}:{count}"
            for code, count in sorted(codes.items())
        )

    header = (
        "request group",
        "requests",
        "req/s",
        "status codes",
        "fail",
        "p50",
        "p95",
        "p99",
    )
    lines = [
        (
            row["group"],
            str(row["requests"]),
            f"{row['rps']:.1f}",
            codes_text(row["codes"]),
            str(row["failures"]),
            row["p50"],
            row["p95"],
            row["p99"],
        )
        for row in rows
    ]
    widths = [
        max(len(line[i]) for line in [header, *lines]) for i in range(len(header))
    ]
    right = {1, 2, 4, 5, 6, 7}

    def fmt(line):
        return "  ".join(
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        )

    print(fmt(header) + "   (latency in ms)")
    print("  ".join("-" * width for width in widths))
    for line in lines[:-1]:
        print(fmt(line))
    print("  ".join("-" * width for width in widths))
    print(fmt(lines[-1]))


def check_responses(rows, served: Counter) -> list[tuple[str, bool, str]]:
    """(check, passed, figure) for the responses: no 5xx, none missing, none
    with a status its request did not expect."""
    seen = rows[-1]["codes"]
    errors = sum(count for code, count in seen.items() if code >= 500)
    logged = sum(count for code, count in served.items() if code >= 500)
    unexpected = rows[-1]["failures"]
    return [
        ("responses with a 5xx status (locust)", not errors, str(errors)),
        ("responses with a 5xx status (gunicorn's log)", not logged, str(logged)),
        ("requests without a response", not seen[0], str(seen[0])),
        ("responses with a status not expected", not unexpected, str(unexpected)),
    ]


def report(rows, statuses: dict, writes: list[dict], results, cpu: float) -> bool:
    """Prints the table, the writes and the checks; True if all passed."""
    print()
    print_table(rows)
    kinds = Counter(write["kind"] for write in writes)
    refusals = sum(n for key, n in statuses.items() if key.endswith("\t412"))
    print()
    print(
        f"Acknowledged writes: {len(writes)} "
        f"({', '.join(f'{kind} {n}' for kind, n in kinds.items())}); "
        f"acknowledged refusals (412, stale If-Match): {refusals}."
    )
    print(
        f"gunicorn's workers used {cpu:.1f} CPU seconds: "
        f"{1000 * cpu / max(rows[-1]['requests'], 1):.0f} ms per request."
    )
    print()
    width = max(len(label) for label, _, _ in results)
    for label, ok, figure in results:
        print(f"  {'ok  ' if ok else 'FAIL'}  {label.ljust(width)}  {figure}")
    return all(ok for _, ok, _ in results)


def main() -> int:
    args = parse_args()
    if (
        shutil.which("pg_isready")
        and subprocess.run(
            ["pg_isready", "-d", args.server], capture_output=True, check=False
        ).returncode
    ):
        raise SystemExit(f"PostgreSQL does not answer at {args.server}")
    out = Path(tempfile.mkdtemp(prefix="metropolis-loadtest-"))
    env = server_environment(database_url(args.server, args.database))
    os.environ.update(env)  # for prepare() and the checks, in this process
    config = {
        "writes_file": str(out / "writes.jsonl"),
        "status_file": str(out / "statuses.json"),
        "stats_file": str(out / "stats.csv"),
    }
    config_file = out / "config.json"

    print(f"Preparing database {args.database} …")
    started = time.monotonic()
    recreate_database(args.server, args.database)
    server = None
    try:
        prepare(args, config)
        config_file.write_text(json.dumps(config, indent=1))
        print(f"  ready in {time.monotonic() - started:.0f} s")
        from django.db import connections

        connections.close_all()

        server = Gunicorn(env, args.workers, out)
        server.wait_ready()
        print(
            f"gunicorn: {args.workers} sync workers, port {server.port}; warming up …"
        )
        server.warm()
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
        from django.db import connections

        connections.close_all()
        if not args.keep_database:
            recreate_database(args.server, args.database, create=False)


if __name__ == "__main__":
    sys.exit(main())
