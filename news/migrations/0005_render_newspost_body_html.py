"""Render the stored HTML of the posts written before it was stored."""

from django.db import migrations

from news.markdown import render_markdown

BATCH_SIZE = 500


def render_bodies(apps, schema_editor):
    NewsPost = apps.get_model("news", "NewsPost")
    posts = NewsPost.objects.using(schema_editor.connection.alias)
    # Batches by key: memory stays flat, and no cursor stays open on the
    # table while it is written (SQLite has no isolation within a connection).
    last = 0
    while batch := list(
        posts.filter(pk__gt=last).order_by("pk").only("pk", "body")[:BATCH_SIZE]
    ):
        for post in batch:
            post.body_html = render_markdown(post.body)
        posts.bulk_update(batch, ["body_html"])
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0004_newspost_body_html"),
    ]

    operations = [
        migrations.RunPython(render_bodies, migrations.RunPython.noop, elidable=True),
    ]
