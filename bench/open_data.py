"""The open data files' peak memory, on the data stored: each file fetched
in a process of its own (django.test.Client, in-process, DEBUG off), its
stream read piece by piece; prints the rows, the size and the growth of the
process's peak resident memory over a warmed process.

    DATABASE_URL=postgres://... python -m bench.open_data [members.csv ...]

Streaming means the growth stays the same whatever the number of rows
(README, "Open data").
"""

import os
import resource
import subprocess
import sys

FILES = ["members.csv", "members.json", "members.geojson", "board.csv", "alliances.csv"]


def peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure(filename: str) -> None:
    from bench.harness import server_environment, setup_django

    setup_django(server_environment(database_url=os.environ["DATABASE_URL"]))
    from django.test import Client
    from django.urls import reverse

    client = Client()
    # Warm: templates, URL resolver, translations, the database connection.
    client.get(reverse("publicdata:open-data-package"))
    client.get(reverse("publicdata:open-data"))
    before = peak_kib()
    response = client.get(reverse("publicdata:open-data-file", args=[filename]))
    size = lines = 0
    for piece in response.streaming_content:
        size += len(piece)
        lines += piece.count(b"\n")
    after = peak_kib()
    print(
        f"{filename:18} {lines:>8} lines {size / 1e6:8.2f} MB  "
        f"peak RSS {after / 1024:6.1f} MiB (+{(after - before) / 1024:.1f} MiB)"
    )


def main(argv: list[str]) -> None:
    if len(argv) == 2 and argv[0] == "--one":
        measure(argv[1])
        return
    for filename in argv or FILES:
        subprocess.run(
            [sys.executable, "-m", "bench.open_data", "--one", filename], check=True
        )


if __name__ == "__main__":
    main(sys.argv[1:])
