"""Store each alliance's end: its latest extension's new end date, or the end
of its agreed term. A batch of alliances at a time, in SQL that runs the same
on SQLite and PostgreSQL (see core.db.TermEnd)."""

from django.db import migrations
from django.db.models import Max, OuterRef, Subquery
from django.db.models.functions import Coalesce

from core.db import TermEnd

BATCH_SIZE = 2000


def fill_ends_on(apps, schema_editor):
    Alliance = apps.get_model("alliances", "Alliance")
    AllianceExtension = apps.get_model("alliances", "AllianceExtension")
    alliances = Alliance.objects.using(schema_editor.connection.alias)
    latest = Subquery(
        AllianceExtension.objects.filter(alliance=OuterRef("pk"))
        .values("alliance")
        .annotate(latest=Max("new_end_date"))
        .values("latest")
    )
    ends_on = Coalesce(latest, TermEnd("start_date", "term_years"))
    last = 0
    while True:
        keys = list(
            alliances.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", flat=True)[:BATCH_SIZE]
        )
        if not keys:
            return
        alliances.filter(pk__gte=keys[0], pk__lte=keys[-1]).update(ends_on=ends_on)
        last = keys[-1]


class Migration(migrations.Migration):
    dependencies = [
        ("alliances", "0003_alliance_ends_on"),
    ]

    operations = [
        migrations.RunPython(fill_ends_on, migrations.RunPython.noop, elidable=True),
    ]
