"""Synthetic bulk data for benchmarks: `manage.py generate_bulk --scale large`.

Bulk rows are told apart by their "bulk-" slug (people by their e-mail
domain), so that they can be removed without touching the real data.
"""

from tools.bulk.generator import DEFAULT_SEED, PREFIX
from tools.bulk.scales import SCALES, Scale
from tools.bulk.services import (
    BulkDataError,
    GenerationReport,
    generate,
    peak_rss_mb,
    present_scale,
    remove_bulk_data,
)

__all__ = [
    "DEFAULT_SEED",
    "PREFIX",
    "SCALES",
    "BulkDataError",
    "GenerationReport",
    "Scale",
    "generate",
    "peak_rss_mb",
    "present_scale",
    "remove_bulk_data",
]
