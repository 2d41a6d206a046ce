"""The bench's admin section: every changelist of the admin site and, where it
has a search box, its search, in-process (django.test.Client, the settings of
the measured server, DEBUG off, a superuser logged in), on the data stored.

Each page is fetched once to warm it, once more under CaptureQueriesContext
for its queries, then `runs` times for the p50 and the slowest run. Call
harness.setup_django first.
"""

import time
from dataclasses import dataclass, field

from bench.targets import SEARCH_TERM

SUPERUSER = "bench-admin"


@dataclass
class AdminResult:
    name: str  # the model's label, "+ search" for its search
    path: str
    status: int = 0
    queries: int = 0
    slowest_query_ms: float = 0.0
    slowest_query: str = ""
    # Each query's time (ms) and the start of its SQL.
    query_log: list = field(default_factory=list)
    runs: int = 0
    p50_ms: float = 0.0
    max_ms: float = 0.0


def admin_pages() -> list[tuple[str, str]]:
    """(name, path) of every changelist registered on the admin site, in
    label order, each followed by its search for SEARCH_TERM where it has
    search fields."""
    from django.contrib import admin
    from django.urls import reverse

    pages = []
    for model, model_admin in sorted(
        admin.site._registry.items(), key=lambda item: item[0]._meta.label_lower
    ):
        opts = model._meta
        path = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        pages.append((opts.label_lower, path))
        if model_admin.search_fields:
            pages.append((f"{opts.label_lower} + search", f"{path}?q={SEARCH_TERM}"))
    return pages


def measure_admin(runs: int, only: str | None = None) -> list[AdminResult]:
    """Each admin page (those whose name holds `only`, if given) measured."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    user, _ = get_user_model().objects.update_or_create(
        username=SUPERUSER, defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    results = []
    for name, path in admin_pages():
        if only and only not in name:
            continue
        print(f"  admin {name} …", flush=True)
        result = AdminResult(name, path)
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        result.status = response.status_code
        if response.status_code != 200:
            raise SystemExit(f"admin {name}: {path} answered {response.status_code}")
        queries = captured.captured_queries
        result.queries = len(queries)
        result.query_log = [
            [round(float(query["time"]) * 1000, 1), query["sql"][:300]]
            for query in queries
        ]
        if queries:
            slowest = max(queries, key=lambda query: float(query["time"]))
            result.slowest_query_ms = round(float(slowest["time"]) * 1000, 1)
            result.slowest_query = slowest["sql"]
        timings = []
        for _ in range(runs):
            begin = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - begin) * 1000)
        timings.sort()
        result.runs = len(timings)
        if timings:
            result.p50_ms = round(timings[(len(timings) - 1) // 2], 1)
            result.max_ms = round(timings[-1], 1)
        results.append(result)
    return results


def print_admin_table(results: list[AdminResult], limit_ms: float) -> None:
    header = (
        f"{'admin page':<40}{'st':>4}{'q':>4}{'top q ms':>9}{'p50 ms':>9}"
        f"{'max ms':>9}  over {limit_ms:.0f} ms"
    )
    print(header)
    print("-" * len(header))
    for row in results:
        over = "  *" if row.p50_ms > limit_ms else ""
        print(
            f"{row.name:<40}{row.status:>4}{row.queries:>4}"
            f"{row.slowest_query_ms:>9.1f}{row.p50_ms:>9.1f}{row.max_ms:>9.1f}{over}"
        )
    print(
        f"In-process, a superuser logged in, p50 of {results[0].runs if results else 0}"
        f' runs; "+ search": ?q={SEARCH_TERM}'
    )
