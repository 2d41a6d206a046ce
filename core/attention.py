"""What needs attention, on the admin's front page.

Core knows no domain app: each app registers its panels on the admin site
(`admin.site.add_panel(Panel(...))` in its admin.py, beside the ModelAdmin
whose filter the panel links to), and the site's index shows those of a
model the user may view.

A panel costs one query: its first rows, each carrying the count of every
row in a window function (COUNT(*) OVER ()), so that the count and the rows
come together.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, QuerySet, Window
from django.urls import reverse

# Rows shown in a panel; its count and link tell the rest.
ROWS = 5


@dataclass(frozen=True)
class Panel:
    """`rows()` gives the queryset of what needs attention, in the order to
    show it; `query` is the changelist's query string (the admin's filters)
    that lists the same rows."""

    key: str
    title: str
    model: type
    rows: Callable[[], QuerySet]
    query: str
    order: int = 0

    def changelist_url(self) -> str:
        opts = self.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        return f"{url}?{self.query}"

    def read(self) -> dict:
        """The count, the first rows and the links, in one query."""
        opts = self.model._meta
        rows = list(self.rows().annotate(attention_total=Window(Count("*")))[:ROWS])
        return {
            "key": self.key,
            "title": self.title,
            "count": rows[0].attention_total if rows else 0,
            "url": self.changelist_url(),
            "rows": [
                {
                    "label": str(row),
                    "url": reverse(
                        f"admin:{opts.app_label}_{opts.model_name}_change",
                        args=[row.pk],
                    ),
                }
                for row in rows
            ],
        }
