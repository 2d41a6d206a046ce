"""Renditions that no row references any more, deleted (`prune_images`).

An image replaced or cleared leaves its renditions in the storage: names are
content-hashed, so a file may serve several rows and is never deleted when
one row lets go of it. This finds them afterwards. A key counts as used when
any current row of any model holds it in an ImageKeyField (found through
apps.get_models(), so a new image field is covered without an edit here).

History rows do not keep a file: a replaced image is meant to stop being
served (it may have been replaced for a reason), and the history would keep
every image ever uploaded. A version restored from the history after its
image was pruned comes back without it (core.admin.HistoryAdmin).
"""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.core.files.storage import storages
from django.utils import timezone
from simple_history.models import HistoricalChanges

from core.images import FOLDER, NAME, STORAGE, ImageKeyField


@dataclass
class PruneReport:
    deleted: list[str] = field(default_factory=list)  # or to be, in a dry run
    referenced: int = 0
    fresh: int = 0


def image_fields() -> list[ImageKeyField]:
    """Every ImageKeyField of a current (not historical) model."""
    return [
        model_field
        for model in apps.get_models()
        if not issubclass(model, HistoricalChanges)
        for model_field in model._meta.local_concrete_fields
        if isinstance(model_field, ImageKeyField)
    ]


def referenced_keys() -> set[str]:
    """The keys of the images that current rows hold (one query a field)."""
    keys = set()
    for model_field in image_fields():
        rows = (
            model_field.model._base_manager.exclude(**{model_field.attname: ""})
            .values_list(model_field.attname, flat=True)
            .distinct()
        )
        keys.update(image.key for image in rows if image)
    return keys


def prune(*, older_than: datetime.timedelta, dry_run: bool = False) -> PruneReport:
    """Delete the renditions whose key no current row holds, last written
    more than `older_than` ago (an upload stores its renditions before the
    row that names them is committed). Files not named like a rendition are
    left alone. With `dry_run`, only report what would go."""
    storage = storages[STORAGE]
    try:
        _, names = storage.listdir(FOLDER)
    except FileNotFoundError:  # no image was ever stored
        return PruneReport()
    # After the listing: a row committed meanwhile is seen.
    used = referenced_keys()
    cutoff = timezone.now() - older_than
    report = PruneReport()
    for name in sorted(names):
        match = NAME.match(name)
        if not match:
            continue
        if match["key"] in used:
            report.referenced += 1
            continue
        path = f"{FOLDER}/{name}"
        if storage.get_modified_time(path) > cutoff:
            report.fresh += 1
            continue
        if not dry_run:
            storage.delete(path)
        report.deleted.append(path)
    return report
