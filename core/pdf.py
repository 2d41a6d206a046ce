"""A template rendered to a PDF's bytes (WeasyPrint): the invoices, a
meeting's roll and minutes, the demo's documents."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


def render_pdf(
    template: str,
    context: dict,
    *,
    base_url: str | None = None,
    stylesheet: str | None = None,
) -> bytes:
    """`template` rendered with `context`, as a PDF; `stylesheet` a static
    file's path, `base_url` where the page's relative links lead."""
    # Imported here: WeasyPrint loads Pango when imported, which only a PDF
    # needs.
    from weasyprint import CSS, HTML

    stylesheets = [CSS(filename=finders.find(stylesheet))] if stylesheet else None
    html = render_to_string(template, context)
    return HTML(string=html, base_url=base_url).write_pdf(stylesheets=stylesheets)
