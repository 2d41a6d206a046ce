"""The "Only available in English" notice beside a text shown in another
language than the page's (core.content's fallback)."""

from django import template
from django.utils.translation import get_language, get_language_info

from core.content import SOURCE_LANGUAGE, text_language

register = template.Library()


@register.inclusion_tag("includes/fallback_notice.html")
def fallback_notice(obj, *fields: str) -> dict:
    """The notice when a text of `obj.<field>` (the first of `fields` that is)
    is in another language than the page's; nothing when all are in the
    page's language or empty. Reads the object's columns, already loaded: no
    query (a list that defers a field must not name it)."""
    page = (get_language() or SOURCE_LANGUAGE).split("-")[0]
    languages = (text_language(obj, field) for field in fields)
    language = next((lang for lang in languages if lang not in (None, page)), None)
    if language is None:
        return {"language": None}
    return {
        "language": language,
        "language_name": get_language_info(language)["name_translated"],
        "is_source": language == SOURCE_LANGUAGE,
    }
