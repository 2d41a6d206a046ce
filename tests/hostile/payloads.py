"""The hostile corpora: what an attacker (or a careless paste) puts in a field.

Every XSS payload that would run sets `window.__xss` or opens a dialog; the
browser test looks for both. `fill(max_length)` packs as many payloads as fit
in a field, always starting with one that breaks out of tags and attributes.
"""

import itertools

MARKER = "__xss"

# Fits in any field of 40 characters or more: closes an attribute (either
# quote) and a tag, then adds an element with an event handler.
CORE = "\"'><img src=x onerror=window.__xss=1>"

XSS = (
    "<script>window.__xss=1</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=window.__xss=1>",
    '"><script>window.__xss=1</script>',
    "'><svg/onload=alert(1)>",
    '" onmouseover="window.__xss=1" x="',
    "' onfocus='window.__xss=1' autofocus x='",
    "<scr<script>ipt>window.__xss=1</scr</script>ipt>",
    '<a href="javascript:window.__xss=1">js link</a>',
    "[md link](javascript:alert(1))",
    "[data link](data:text/html,<script>window.__xss=1</script>)",
    '<iframe src="javascript:window.__xss=1"></iframe>',
    '<object data="data:text/html,<script>window.__xss=1</script>"></object>',
    "<details open ontoggle=window.__xss=1>",
    "</textarea><script>window.__xss=1</script>",
    "</title><script>window.__xss=1</script>",
    '<math><a xlink:href="javascript:window.__xss=1">math</a></math>',
    "<body onload=window.__xss=1>",
    '<a href="  JaVaScRiPt:window.__xss=1">spaced</a>',
    "<img src=\"x\" onerror='window.__xss=1'",  # unterminated tag
    "<!--<img src=x onerror=window.__xss=1>-->",
    '<base href="javascript:window.__xss=1//">',
    '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
)

# The same payloads as Markdown a body might hold: links, images, raw HTML.
MARKDOWN = "\n\n".join(
    [
        *XSS,
        "![img](javascript:window.__xss=1)",
        '[title link](https://example.org "x\\" onmouseover=\\"window.__xss=1")',
        "<javascript:window.__xss=1>",
        "[ref link][r]\n\n[r]: javascript:window.__xss=1",
        "`<script>window.__xss=1</script>` in code",
    ]
)


def fill(max_length: int | None, offset: int = 0) -> str:
    """Payloads for a field of `max_length` characters (None: no limit).

    The CORE payload first, then the others from `offset` on, as many as fit;
    a field too short for CORE gets a tag and both quotes, cut to size.
    """
    if max_length is None:
        return " ".join([CORE, *XSS])
    if max_length < len(CORE):
        return "<u>\"'&</u>"[:max_length]
    value = CORE
    rotated = itertools.islice(itertools.cycle(XSS), offset, offset + len(XSS))
    for payload in rotated:
        if len(value) + 1 + len(payload) <= max_length:
            value = f"{value} {payload}"
    return value


# Strings that are fine as text and must come back exactly as sent.
TEXT_ACCEPTED = (
    "' OR 1=1 --",
    '"; DROP TABLE members_membercity; --',
    "../../etc/passwd",
    "{{7*7}} ${7*7} <%= 7*7 %> #{7*7}",
    "%s %d %n %x",
    "\u202egnp.exe",  # right-to-left override
    "a\u200db\u200cc\u2060d\ufeff",  # zero-width joiner, non-joiner, etc.
    "👩🏽‍🚀 🇪🇸 🏳️‍🌈",
    "Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357a\u0300\u0301\u0302\u0303lgo",
    "e" + "\u0301" * 80,  # one very long grapheme
    "Ωmega straße İstanbul ǅ",
)


def accepted_text(max_length: int | None) -> str:
    """The TEXT_ACCEPTED strings joined, cut to `max_length` on a whole item."""
    value = ""
    for item in TEXT_ACCEPTED:
        candidate = f"{value} | {item}" if value else item
        if max_length is None or len(candidate) <= max_length:
            value = candidate
    return value or TEXT_ACCEPTED[0][:max_length]


LONG = "x" * 10_000
NUL = "nul\x00byte"
CONTROL = "bell\x07escape\x1b[31m"
LONE_SURROGATE = "\ud800"

# (label, value) sent as one query or form value: each must be refused or
# accepted, never a 500.
QUERY_VALUES = (
    ("sql", "' OR 1=1 --"),
    ("nul", NUL),
    ("path", "../../etc/passwd"),
    ("template", "{{7*7}}${7*7}"),
    ("negative", "-1"),
    ("huge", str(10**20)),
    ("overflow", "1e309"),
    ("nan", "NaN"),
    ("infinity", "-Infinity"),
    ("bad-date", "2021-02-30"),
    ("far-date", "99999-01-01"),
    ("word-date", "yesterday"),
    ("rtl", "\u202eabc"),
    ("emoji", "👩🏽‍🚀"),
    ("long", LONG),
    ("xss", CORE),
)

# (label, value) posted in a form field; must_refuse() says which fields
# have to refuse which.
FORM_VALUES = (
    ("nul", NUL),
    ("long", LONG),
    ("negative", "-1"),
    ("huge", str(10**20)),
    ("overflow", "1e309"),
    ("nan", "NaN"),
    ("bad-date", "2021-02-30"),
    ("far-date", "99999-01-01"),
    ("word-date", "yesterday"),
    ("junk", "' OR 1=1 -- ../../etc/passwd {{7*7}} ${7*7} \u202e👩🏽‍🚀"),
    ("control", CONTROL),
    ("xss", CORE),
)

# JSON values of the wrong type or out of range, for every API field.
JSON_VALUES = (
    ("sql", "' OR 1=1 --"),
    ("nul", NUL),
    ("control", CONTROL),
    ("surrogate", LONE_SURROGATE),
    ("path", "../../etc/passwd"),
    ("negative", -1),
    ("huge", 10**20),
    ("float-overflow", 1e308 * 10),  # inf: json.dumps writes Infinity
    ("nan", float("nan")),
    ("list", ["a", "b"]),
    ("object", {"a": 1}),
    ("bool-string", "maybe"),
    ("bad-date", "2021-02-30"),
    ("far-date", "99999-01-01"),
    ("word-date", "yesterday"),
    ("long", LONG),
    ("empty", ""),
    ("null", None),
)
