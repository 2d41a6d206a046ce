"""Markdown to safe HTML: rendered, then sanitized by an allow-list.

The renderer is markdown-it-py (CommonMark, with tables): its parsers keep
what they learnt about a delimiter that has no match, so rendering takes time
in proportion to the text, whatever the text. Python-Markdown, used before,
took quadratic time or worse on bodies such as 200 KB of "[" and ran out of
stack on lists nested 600 deep. A body is also bounded where it comes in
(validate_markdown_body on the model field): at most BODY_MAX_LENGTH
characters, and lists and quotes nested at most BODY_MAX_NESTING deep.
"""

import nh3
from django.core.exceptions import ValidationError
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "li", "ol", "p", "pre", "strong", "sub", "sup",
    "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "th": {"align"},
    "td": {"align"},
}
URL_SCHEMES = {"http", "https", "mailto"}

# About three thousand words: six times the longest demo post.
BODY_MAX_LENGTH = 20_000
# Lists and block quotes inside one another.
BODY_MAX_NESTING = 10
_CONTAINERS = {"bullet_list_open", "ordered_list_open", "blockquote_open"}
_CLOSES = {"bullet_list_close", "ordered_list_close", "blockquote_close"}

# A list takes two levels of the parser's nesting (the list and its item):
# a body within BODY_MAX_NESTING is never cut short by `maxNesting`, and one
# past it is cut there (so its parse stays shallow) and refused.
_renderer = MarkdownIt(
    "commonmark", {"html": True, "maxNesting": 2 * BODY_MAX_NESTING + 4}
).enable("table")
# Every link is made, whatever its scheme, and nh3 keeps the safe ones' href
# (URL_SCHEMES): one place decides, and a javascript: link shows as its text
# without a link, as it did with Python-Markdown.
_renderer.validateLink = lambda url: True


def render_markdown(text: str) -> SafeString:
    """HTML for `text`; scripts, event handlers and javascript: links are removed."""
    html = _renderer.render(text or "")
    return mark_safe(
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer nofollow",
        ).rstrip("\n")
    )


def markdown_nesting(text: str) -> int:
    """How deep lists and block quotes sit inside one another in `text`."""
    depth = deepest = 0
    for token in _renderer.parse(text or ""):
        if token.type in _CONTAINERS:
            depth += 1
            deepest = max(deepest, depth)
        elif token.type in _CLOSES:
            depth -= 1
    return deepest


def validate_markdown_body(text: str) -> None:
    """A body the renderer takes whole: lists and quotes nested at most
    BODY_MAX_NESTING deep. (A body over BODY_MAX_LENGTH is not parsed: the
    field's length limit reports it.)"""
    if not text or len(text) > BODY_MAX_LENGTH:
        return
    if markdown_nesting(text) > BODY_MAX_NESTING:
        raise ValidationError(
            _("Lists and quotes may be nested at most %(limit)d deep."),
            code="max_nesting",
            params={"limit": BODY_MAX_NESTING},
        )
