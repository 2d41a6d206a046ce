"""The table of data versions (core.versions). Its triggers, and on PostgreSQL
the function they run, are installed after every migrate, on the tables that
exist then (core.apps); going back removes them with the table."""

from django.db import migrations, models

CREATE_TABLE = (
    "CREATE TABLE core_dataversion "
    "(name varchar(63) PRIMARY KEY, version bigint NOT NULL)"
)


def create(apps, schema_editor):
    schema_editor.execute(CREATE_TABLE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # CASCADE: every table's trigger that runs it.
        schema_editor.execute("DROP FUNCTION IF EXISTS core_dataversion_bump() CASCADE")
    elif schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'core_dataversion_bump%'"
            )
            triggers = [name for (name,) in cursor.fetchall()]
        for name in triggers:
            schema_editor.execute(f'DROP TRIGGER "{name}"')
    schema_editor.execute("DROP TABLE core_dataversion")


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                (
                    "name",
                    models.CharField(
                        max_length=63,
                        primary_key=True,
                        serialize=False,
                        verbose_name="table",
                    ),
                ),
                ("version", models.BigIntegerField(verbose_name="version")),
            ],
            options={
                "verbose_name": "data version",
                "verbose_name_plural": "data versions",
                "db_table": "core_dataversion",
                "ordering": ["name"],
                "managed": False,
            },
        ),
        migrations.RunPython(create, drop),
    ]
