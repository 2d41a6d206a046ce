from django.core.management.base import BaseCommand
from django.db import transaction

from news.markdown import render_markdown
from news.models import NewsPost

BATCH_SIZE = 500


def render_posts(batch_size: int = BATCH_SIZE) -> tuple[int, int]:
    """Render every post's body again and store the HTML that changed, a batch at
    a time. Returns (posts read, posts whose HTML changed)."""
    read = changed = 0
    last = 0
    while True:
        # Each batch is locked while it is rendered: an editor's save meanwhile
        # waits, so that it is never overwritten with the HTML of the old body.
        with transaction.atomic():
            batch = list(
                NewsPost.objects.filter(pk__gt=last)
                .order_by("pk")
                .only("pk", "body", "body_html")
                .select_for_update()[:batch_size]
            )
            if not batch:
                return read, changed
            stale = []
            for post in batch:
                html = render_markdown(post.body)
                if html != post.body_html:
                    post.body_html = html
                    stale.append(post)
            # Not save(): the content is the same, so neither the update time
            # nor the history changes.
            NewsPost.objects.bulk_update(stale, ["body_html"])
        read += len(batch)
        changed += len(stale)
        last = batch[-1].pk


class Command(BaseCommand):
    help = (
        "Render every news post's Markdown body to sanitized HTML again and store "
        "it: run it after the Markdown or sanitizer rules (news/markdown.py) "
        "change."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help=f"Posts rendered and written at a time (default {BATCH_SIZE}).",
        )

    def handle(self, *args, batch_size, **options):
        read, changed = render_posts(max(1, batch_size))
        self.stdout.write(
            self.style.SUCCESS(
                f"{read} posts rendered, {changed} with new HTML stored."
            )
        )
