"""The checks that tell an inert page from one an attacker could run script in."""

import json
import re
from html.parser import HTMLParser
from http import HTTPStatus

from tests.hostile import payloads

URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "xlink:href",
    "srcdoc",
}
# Elements no page of the app has; from a payload they would load or run code.
# (The admin draws its icons with inline <svg>: those are checked by attribute.)
FOREIGN_TAGS = {"iframe", "object", "embed", "base", "frame", "applet"}
# Where the app's own scripts come from.
SCRIPT_SOURCES = ("/static/", "/admin/jsi18n/")
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")
# Payloads that start a tag: their raw text in a page means it was not escaped.
TAG_PAYLOADS = [p for p in (payloads.CORE, *payloads.XSS) if "<" in p]


class _Scanner(HTMLParser):
    """Collects what would run in a browser: event handler attributes,
    script URLs, foreign elements, and inline script that is not the app's."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._script: dict | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and value:
                scheme = re.sub(r"[\x00-\x20]", "", value).lower()
                if scheme.startswith(DANGEROUS_SCHEMES):
                    self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in FOREIGN_TAGS:
            self.problems.append(f"<{tag}> element")
        if tag == "meta" and attributes.get("http-equiv", "").lower() == "refresh":
            self.problems.append("<meta http-equiv=refresh>")
        if tag == "script":
            src = attributes.get("src")
            if src is not None and not src.startswith(SCRIPT_SOURCES):
                self.problems.append(f"<script src={src!r}>")
            self._script = attributes
            self._script_text = []

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            text = "".join(self._script_text)
            if self._script.get("type") != "application/json" and (
                payloads.MARKER in text or "alert(" in text
            ):
                self.problems.append(f"<script>{text[:80]}</script>")
            self._script = None


def html_problems(html: str) -> list[str]:
    """What in `html` would run script from a payload; [] when inert."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    raw = [f"raw payload {p!r}" for p in TAG_PAYLOADS if p in html]
    return scanner.problems + raw


def assert_inert(response, where: str = ""):
    """An HTML response (not a 500) in which no payload is live."""
    assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR, where
    problems = html_problems(response.content.decode())
    assert problems == [], f"{where or response.request['PATH_INFO']}: {problems}"


def assert_json(response):
    """JSON, declared as such: a browser never renders it as a page."""
    assert response["Content-Type"].split(";")[0] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    return json.loads(response.content)
