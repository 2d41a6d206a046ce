"""/robots.txt and /favicon.ico: what crawlers and browsers ask every site."""

from django.http import HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET

# What a crawler may not read: the secretariat's, the liaisons' and the
# partners' parts, and the account pages.
DISALLOW = ["/admin/", "/portal/", "/api/", "/accounts/"]


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {path}" for path in DISALLOW]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
def favicon(request):
    """A browser's default request: to the site's SVG icon (base.html links
    it; a temporary redirect, as its static name changes with its content)."""
    return redirect(static("favicon.svg"))
