import datetime

from django.db import migrations, models

HELP = (
    "The day the General Assembly approved the grid, which puts it in force: "
    "invoices are issued from approved grids only. Set by the adopted "
    "resolution; set it here for a grid approved before."
)


def approve_existing(apps, schema_editor):
    """Grids already in use stay usable: approved the day before their first
    year."""
    FeeGrid = apps.get_model("dues", "FeeGrid")
    for grid in FeeGrid.objects.filter(approved_on__isnull=True):
        grid.approved_on = datetime.date(grid.first_year - 1, 12, 31)
        grid.save(update_fields=["approved_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("dues", "0002_invoice_currency_choices"),
    ]

    operations = [
        migrations.AddField(
            model_name="feegrid",
            name="approved_on",
            field=models.DateField(
                blank=True, help_text=HELP, null=True, verbose_name="approved on"
            ),
        ),
        migrations.AddField(
            model_name="historicalfeegrid",
            name="approved_on",
            field=models.DateField(
                blank=True, help_text=HELP, null=True, verbose_name="approved on"
            ),
        ),
        migrations.RunPython(approve_existing, migrations.RunPython.noop),
    ]
