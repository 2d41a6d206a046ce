"""The load test's verdict: its checks (no 5xx, no response missing, every
acknowledged write stored once, no update lost) and the table it prints."""

import csv
from collections import Counter, defaultdict
from pathlib import Path

# Load data: titles and names of the load test's writes carry these (the
# locustfile writes them).
LOAD_TITLE = "Load test "
LOAD_PERSON = "Load person "


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
