"""What the bulk generator's parts share: the bulk prefix, sizes, helpers."""

import datetime
import itertools
from collections.abc import Iterable, Iterator

PREFIX = "bulk-"
PEOPLE_EMAIL_DOMAIN = "bulk.example"
BATCH_SIZE = 2000
DEFAULT_SEED = 1985


def days(count: int) -> datetime.timedelta:
    return datetime.timedelta(days=count)


def batched(rows: Iterable, size: int) -> Iterator[list]:
    rows = iter(rows)
    while batch := list(itertools.islice(rows, size)):
        yield batch
