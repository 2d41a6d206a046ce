"""How the bench takes and prints one served request's figures (bench/run.py
serves the app and the baselines): single-client p50 and p95, an API request
in turns with its baseline, then the requests per second at 8 connections
with wrk."""

import math
import re
import subprocess
import time
from dataclasses import dataclass, field

from bench import harness
from bench.targets import Target


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
    base_server, base_target = paired or (None, None)
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
