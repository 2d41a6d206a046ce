"""The harness that bench/run.py and loadtest/run.py share.

- `server_environment`: the settings the app runs under (DEBUG off, plain
  HTTP on 127.0.0.1, the API throttles out of the way), on a PostgreSQL
  database or an SQLite file; `setup_django` applies them to this process.
- `require_postgres`, `create_database`, `drop_database`: a dedicated
  PostgreSQL database.
- `prepare_database`: migrate, the bulk data at a scale (reused when that
  scale is there), static files, the demo, fresh statistics on PostgreSQL;
  `create_api_keys` for the requests.
- `Gunicorn`: the app (or the bench's baseline) served by sync workers on a
  free local port, waited for, warmed on every worker, stopped.

Functions that use the ORM import it inside: call `setup_django` first.
"""

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
APP = "metropolis.wsgi:application"


# Settings -------------------------------------------------------------------------


def server_environment(
    *, database_url: str | None = None, sqlite_path: Path | None = None
) -> dict:
    """The app's settings for a measured run, on `database_url` (PostgreSQL)
    or else the SQLite file `sqlite_path`."""
    env = {
        "DJANGO_SETTINGS_MODULE": "metropolis.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "harness-only-secret-key-not-for-production-0123456789",
        # testserver: the in-process django.test.Client of the bench.
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        # Plain HTTP on this machine: no redirect, no HSTS, no secure-only
        # cookies (the load test's liaisons keep a session over HTTP).
        "DJANGO_HTTPS": "0",
        # The throttles still run, but never answer 429 under load.
        "DJANGO_API_RATE_ANON": "1000000/s",
        "DJANGO_API_RATE_READ": "1000000/s",
        "DJANGO_API_RATE_WRITE": "1000000/s",
        "DJANGO_API_RATE_USER": "1000000/s",
        "DJANGO_LOG_LEVEL": "WARNING",
        # Removing and loading bulk data at `large` and VACUUM ANALYZE run
        # statements longer than production's limit (DJANGO_DB_STATEMENT_TIMEOUT).
        "DJANGO_DB_STATEMENT_TIMEOUT": "0",
    }
    if database_url:
        env["DATABASE_URL"] = database_url
    elif sqlite_path:
        env["DJANGO_SQLITE_PATH"] = str(sqlite_path)
    else:
        raise ValueError("a database_url or an sqlite_path is needed")
    return env


def setup_django(env: dict) -> None:
    """This process under `env` (a DATABASE_URL from outside goes when `env`
    names an SQLite file), then django.setup()."""
    os.environ.update(env)
    if "DATABASE_URL" not in env:
        os.environ.pop("DATABASE_URL", None)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# PostgreSQL databases -------------------------------------------------------------


def database_url(server: str, name: str) -> str:
    """`server`'s URL with the database `name` instead of its own."""
    return f"{server.rsplit('/', 1)[0]}/{name}"


def _database_name(url: str) -> str:
    return url.rsplit("/", 1)[1].split("?")[0]


def require_postgres(url: str) -> None:
    if (
        shutil.which("pg_isready")
        and subprocess.run(
            ["pg_isready", "-d", database_url(url, "postgres")],
            capture_output=True,
            check=False,
        ).returncode
    ):
        raise SystemExit(f"PostgreSQL does not answer at {url}")


def _maintenance_connection(url: str):
    import psycopg

    return psycopg.connect(database_url(url, "postgres"), autocommit=True)


def create_database(url: str) -> None:
    """The database of `url`, created unless it is there."""
    from psycopg import sql

    name = _database_name(url)
    with _maintenance_connection(url) as db:
        if not db.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone():
            db.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(url: str) -> None:
    """The database of `url` dropped, connections and all, if it is there."""
    from psycopg import sql

    with _maintenance_connection(url) as db:
        db.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(_database_name(url))
            )
        )


# Data ---------------------------------------------------------------------------


def prepare_database(scale: str) -> dict:
    """Migrate, generate the bulk data unless `scale` is there (another scale
    is replaced), collect static files, load the demo, and on PostgreSQL
    VACUUM ANALYZE. Returns what it measured: seconds, the generator's peak
    memory."""
    from django.core.management import call_command
    from django.db import connection

    from tools.bulk import present_scale
    from tools.demo import load_demo

    started = time.monotonic()
    info: dict = {}
    call_command("migrate", verbosity=0)
    present = present_scale()
    if present == scale:
        print(f"Bulk data at scale {scale} already there: reused.")
    else:
        # In its own process, so that its peak memory is its own: before
        # collectstatic, whose peak a child started by vfork would inherit.
        print(f"Generating bulk data at scale {scale} (found: {present}) …")
        command = [sys.executable, "manage.py", "generate_bulk", "--scale", scale]
        command += ["--reset"] if present else []
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
    collect_static()
    load_demo()
    if connection.vendor == "postgresql":
        # What autovacuum does soon after a bulk load: fresh statistics, and
        # the visibility map that lets index-only scans skip the table.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    info["prepare_seconds"] = round(time.monotonic() - started, 1)
    return info


def collect_static() -> None:
    """collectstatic, unless its manifest is newer than every static file it
    would collect (compressing them all again takes a minute or more)."""
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders
    from django.core.management import call_command

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        collected = manifest.stat().st_mtime
        if all(
            os.path.getmtime(storage.path(path)) < collected
            for finder in get_finders()
            for path, storage in finder.list(["CVS", ".*", "*~"])
        ):
            return
    call_command("collectstatic", interactive=False, verbosity=0)


def create_api_keys(*, owner: str, scope: str, names: list[str]) -> list[str]:
    """New partner keys of `scope`, one per name, for the user `owner`
    (created if missing); keys of those names already there are deleted."""
    from django.contrib.auth import get_user_model

    from partners.models import PartnerKey

    user, _ = get_user_model().objects.get_or_create(username=owner)
    PartnerKey.objects.filter(name__in=names).delete()
    return [
        PartnerKey.objects.create_key(name=name, owner=user, scope=scope)[1]
        for name in names
    ]


# Serving --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Fetched(NamedTuple):
    status: int
    size: int  # body bytes
    etag: str | None


def fetch(port: int, path: str, headers: dict | None = None) -> Fetched:
    """One GET on a new connection (sync workers close it)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        size = len(response.read())
        return Fetched(response.status, size, response.getheader("ETag"))
    finally:
        connection.close()


# The access log line: worker pid, status, request line. The pid tells which
# worker answered, for the warm-up.
ACCESS_LOG_FORMAT = '%(p)s %(s)s "%(r)s"'
ACCESS_LINE = re.compile(r'<?(\d+)>? (\d+) "(\S+) (\S+) ')


class Gunicorn:
    """A gunicorn master with `workers` sync workers on a free local port,
    `--no-control-socket`; its logs (and the app's own, on stderr) in `logs`."""

    def __init__(
        self,
        env: dict,
        workers: int,
        logs: Path,
        *,
        app: str = APP,
        chdir: Path = ROOT,
        name: str | None = None,
    ):
        self.port = free_port()
        self.workers = workers
        # The logs' name: the app's module unless given.
        name = name or app.split(":")[0].split(".")[0]
        self.access_log = logs / f"{name}-access.log"
        self.error_log = logs / f"{name}-error.log"
        command = [
            *(sys.executable, "-m", "gunicorn", app),
            *("--workers", str(workers), "--bind", f"127.0.0.1:{self.port}"),
            *("--chdir", str(chdir), "--no-control-socket", "--timeout", "60"),
            *("--access-logfile", str(self.access_log)),
            *("--access-logformat", ACCESS_LOG_FORMAT),
            *("--error-logfile", str(self.error_log)),
        ]
        with self.error_log.open("a") as log:
            self.process = subprocess.Popen(
                command,
                env={**os.environ, **env},
                stdout=log,
                stderr=log,
                start_new_session=True,
            )

    def fetch(self, path: str, headers: dict | None = None) -> Fetched:
        return fetch(self.port, path, headers)

    def wait_ready(self, path: str = "/healthz", timeout: float = 60) -> None:
        """Until `path` answers below 500."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited; see {self.error_log}")
            try:
                if self.fetch(path).status < 500:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit(
            f"gunicorn did not answer in {timeout} s; see {self.error_log}"
        )

    def worker_pids(self) -> set[str]:
        output = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.process.pid)],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        return set(output.split())

    def _access_lines(self):
        for line in self.access_log.read_text().splitlines():
            match = ACCESS_LINE.match(line)
            if match:
                yield match

    def served(self) -> dict[str, set[str]]:
        """Request target (path and query) -> pids of the workers that
        answered a GET of it."""
        served: dict[str, set[str]] = defaultdict(set)
        for match in self._access_lines():
            if match[3] == "GET":
                served[match[4]].add(match[1])
        return served

    def status_counts(self) -> Counter:
        """Responses so far, by status."""
        return Counter(int(match[2]) for match in self._access_lines())

    def warm(self, paths: list[str], headers: dict | None = None) -> None:
        """Until every worker has answered a GET of each of `paths`."""
        pids = self.worker_pids()
        with ThreadPoolExecutor(self.workers) as pool:
            for _ in range(30):
                served = self.served()
                cold = [path for path in paths if not pids <= served[path]]
                if not cold:
                    return
                requests = cold * 2 * self.workers
                list(pool.map(lambda path: self.fetch(path, headers), requests))
        served = self.served()
        cold = [path for path in paths if not pids <= served[path]]
        if cold:
            print(f"  warning: not every worker answered {', '.join(cold)} in warm-up")

    def worker_rss_mb(self) -> dict[str, float]:
        """Each worker's resident memory (Linux)."""
        rss = {}
        for pid in self.worker_pids():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss[pid] = round(int(line.split()[1]) / 1024, 1)
        return rss

    def cpu_seconds(self) -> float:
        """CPU time the workers have used so far (Linux)."""
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for pid in self.worker_pids():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / ticks

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
