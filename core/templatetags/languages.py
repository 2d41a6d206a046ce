"""The same page in every language: the switcher's links and the hreflang
alternates of base.html."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

register = template.Library()


@dataclass(frozen=True)
class Alternate:
    code: str
    name: str
    url: str  # absolute, query string kept (a list's filters and page)
    current: bool


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[Alternate]:
    """This page in each of the site's languages; none where there is no
    request (the 500 and 503 pages). A path that does not resolve (a 404)
    stays as it is. base.html asks once per page (about 0.4 ms: three
    reverse() and three resolve()) and its switcher reuses the answer."""
    request = context.get("request")
    if request is None:
        return []
    path = request.get_full_path()
    current = get_language()
    return [
        Alternate(
            code=code,
            name=name,
            url=request.build_absolute_uri(translate_url(path, code)),
            current=code == current,
        )
        for code, name in settings.LANGUAGES
    ]
