"""Backups: every record in one gzipped JSON file in Django's serialization
format (the one `dumpdata` writes and `loaddata` reads), restored into an empty
database in one transaction.

Primary keys are kept, so history rows, partner keys and links come back as
they were. Content types and permissions are not exported: `migrate` creates
them in the database restored into, with ids of its own, so the records that
name them (group and user permissions, the admin log) name them by natural
key (codename, app label, model). Sessions are not exported (everyone logs in
again), nor, unless asked, django-axes's login attempts and lockouts.
"""

import contextlib
import datetime
from collections.abc import Iterator
from typing import TextIO

from django.apps import apps
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction

from members.permissions import SECRETARIAT_GROUP

NOT_EXPORTED = ("contenttypes", "auth.permission", "sessions")
LOGIN_RECORDS = "axes"
# What `migrate` creates besides content types and permissions (post_migrate).
MIGRATE_GROUPS = (SECRETARIAT_GROUP,)
CHUNK_SIZE = 2000


class ExactJSONEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder, which dumpdata uses, cuts times to the millisecond
    (as JavaScript keeps them); a backup keeps every microsecond."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _in(model: type[models.Model], labels) -> bool:
    return bool({model._meta.app_label, model._meta.label_lower} & set(labels))


def backed_up_models(*, include_axes: bool) -> list[type[models.Model]]:
    """The models a backup holds, each after those its records name by
    natural key (users and groups before what refers to them)."""
    skipped = (*NOT_EXPORTED, *(() if include_axes else (LOGIN_RECORDS,)))
    app_list = [
        (config, None)
        for config in apps.get_app_configs()
        if config.models_module is not None
    ]
    return [
        model
        for model in serializers.sort_dependencies(app_list, allow_cycles=True)
        if model._meta.managed and not model._meta.proxy and not _in(model, skipped)
    ]


def _records(models_: list[type[models.Model]]) -> Iterator[models.Model]:
    for model in models_:
        yield from model._base_manager.order_by(model._meta.pk.name).iterator(
            chunk_size=CHUNK_SIZE
        )


def write_backup(stream: TextIO, *, include_axes: bool) -> int:
    """Every record to `stream` as a JSON list; the number of records."""
    count = 0

    def counted(records):
        nonlocal count
        for record in records:
            count += 1
            yield record

    serializers.serialize(
        "json",
        counted(_records(backed_up_models(include_axes=include_axes))),
        stream=stream,
        use_natural_foreign_keys=True,
        cls=ExactJSONEncoder,
    )
    return count


def tables_with_data() -> list[str]:
    """The models holding records besides those `migrate` creates. django-axes's
    are left out: optional in a backup, and a clash with those already in the
    database fails the restore as a whole."""
    occupied = []
    for model in backed_up_models(include_axes=False):
        rows = model._base_manager.all()
        if model is Group:
            rows = rows.exclude(name__in=MIGRATE_GROUPS)
        if rows.exists():
            occupied.append(model._meta.label)
    return occupied


def remove_migrate_records() -> None:
    """The groups `migrate` made: the backup brings its own, with their ids."""
    Group.objects.filter(name__in=MIGRATE_GROUPS).delete()


@contextlib.contextmanager
def consistent_snapshot():
    """A transaction that reads the whole database as of one moment, while the
    app keeps writing. SQLite's read transaction does so already; PostgreSQL's
    default isolation (a new snapshot per statement) does not."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield
