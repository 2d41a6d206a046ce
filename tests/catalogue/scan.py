"""Finds interface text that is not marked for translation.

Python: an AST walk over the project's modules for a literal string where a person
reads it — a field's or model's verbose name, a form's label, help text or error, a
choice's label, a ValidationError, a message of the messages framework, an API
exception's detail, an admin action's or column's description.

Templates: Django's own Lexer splits a template into tokens; the text tokens, once
HTML comments, tags, the contents of <script> and <style> and entities are removed,
must hold no letters. Titles, alt texts, placeholders and aria-labels written as
literal attributes count as text too.
"""

import ast
import html
import re
from pathlib import Path

from django.template.base import DebugLexer, TokenType

ROOT = Path(__file__).resolve().parents[2]
# Every directory of the project's own code; tests, benchmarks, load tests and the
# virtualenv are not read by a person using the site.
SKIP_DIRS = {".venv", "tests", "bench", "loadtest", "migrations", "static", "locale"}
# The demo and bulk generators write content (titles of records), not interface.
SKIP_FOLDERS = {("tools", "demo"), ("tools", "bulk")}

# Keyword arguments whose literal value a person reads.
TEXT_KEYWORDS = {
    "verbose_name",
    "verbose_name_plural",
    "label",
    "help_text",
    "empty_label",
    "description",
    "empty_value_display",
    "detail",
    "message",
    "title",
    "default_detail",
    "short_description",
}
# The OpenAPI schema (help texts and descriptions in the API's modules) is the
# developers' documentation of a machine interface: it stays in English, one
# schema for every client, as DRF's and drf-spectacular's own texts are.
API_DOC_KEYWORDS = {"help_text", "description", "title"}
# Calls whose first positional argument (or second, after the request) a person reads.
TEXT_CALLS = {
    "ValidationError": 0,
    "PermissionDenied": 0,
    "NotFound": 0,
    "ParseError": 0,
    "Http404": 0,
    "APIException": 0,
    "ImproperlyConfiguredForUser": 0,
    "success": 1,
    "info": 1,
    "warning": 1,
    "error": 1,
    "debug": 1,
    "message_user": 1,
    "add_error": 1,
    "Column": 2,  # an open data column's description, shown on /open-data/
}
# Method names shared with logging: `messages.error(request, "...")` is checked, a
# logger's `log.error("...")` is not.
MESSAGE_METHODS = {"success", "info", "warning", "error", "debug"}

# Text nodes a template may hold as they are in every language (a proper noun
# written in the template itself). Empty today: symbols (×, ·, →) pass because only
# a run of two letters counts as words, file names (datapackage.json) pass by
# FILE_NAME, and the association's name comes from {% translate %} or a variable.
TEMPLATE_ALLOWED: set[str] = set()


def _python_files():
    for path in sorted(ROOT.rglob("*.py")):
        parts = set(path.relative_to(ROOT).parts[:-1])
        folder = path.relative_to(ROOT).parts[:2]
        if parts & SKIP_DIRS or path.parent == ROOT or folder in SKIP_FOLDERS:
            continue
        yield path


def _is_text(node) -> bool:
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and re.search(r"[A-Za-z]{2}", node.value) is not None
    )


def _texts_in(node):
    """Literal strings in `node`, looking into dicts, f-strings and concatenations."""
    if _is_text(node):
        yield node
    elif isinstance(node, ast.JoinedStr):
        if any(_is_text(part) for part in node.values):
            yield node
    elif isinstance(node, ast.BinOp):
        yield from _texts_in(node.left)
        yield from _texts_in(node.right)
    elif isinstance(node, ast.Dict):
        for value in node.values:
            yield from _texts_in(value)


def _call_name(call: ast.Call) -> tuple[str, str]:
    func = call.func
    if isinstance(func, ast.Attribute):
        owner = func.value
        owner_name = owner.id if isinstance(owner, ast.Name) else ""
        if isinstance(owner, ast.Attribute):
            owner_name = owner.attr
        return owner_name, func.attr
    if isinstance(func, ast.Name):
        return "", func.id
    return "", ""


def _choice_labels(cls: ast.ClassDef):
    bases = {
        b.attr if isinstance(b, ast.Attribute) else getattr(b, "id", "")
        for b in cls.bases
    }
    if not bases & {"TextChoices", "IntegerChoices", "Choices"}:
        return
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Tuple):
            elts = stmt.value.elts
            if len(elts) >= 2:
                yield from _texts_in(elts[-1])


def unmarked_python() -> list[str]:
    found = []
    for path in _python_files():
        tree = ast.parse(path.read_text(), filename=str(path))
        where = path.relative_to(ROOT)
        is_api = "api" in where.parts
        for node in ast.walk(tree):
            texts = []
            if isinstance(node, ast.ClassDef):
                texts.extend(_choice_labels(node))
            elif isinstance(node, ast.Call):
                owner, name = _call_name(node)
                for keyword in node.keywords:
                    if is_api and keyword.arg in API_DOC_KEYWORDS:
                        continue
                    if keyword.arg in TEXT_KEYWORDS or keyword.arg == "error_messages":
                        texts.extend(_texts_in(keyword.value))
                position = TEXT_CALLS.get(name)
                if name in MESSAGE_METHODS and owner != "messages":
                    position = None
                if position is not None and len(node.args) > position:
                    texts.extend(_texts_in(node.args[position]))
                if name == "choices" or name.endswith("Field"):
                    for keyword in node.keywords:
                        if keyword.arg == "choices" and isinstance(
                            keyword.value, (ast.List, ast.Tuple)
                        ):
                            for pair in keyword.value.elts:
                                if isinstance(pair, ast.Tuple) and len(pair.elts) == 2:
                                    texts.extend(_texts_in(pair.elts[1]))
            elif isinstance(node, ast.Assign):
                # class Meta / ModelAdmin / AppConfig / Form attributes, and an
                # admin function's `short_description`.
                for target in node.targets:
                    name = getattr(target, "id", None) or getattr(target, "attr", "")
                    if is_api and name in API_DOC_KEYWORDS:
                        continue
                    if name in TEXT_KEYWORDS:
                        texts.extend(_texts_in(node.value))
            for text in texts:
                found.append(f"{where}:{text.lineno}: {ast.unparse(text)[:70]}")
    return found


def _template_files():
    for folder in [ROOT / "templates", *ROOT.glob("*/templates")]:
        if set(folder.relative_to(ROOT).parts) & SKIP_DIRS:
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix in {".html", ".txt", ".xml"}:
                yield path


SCRIPT_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
COMMENT = re.compile(r"<!--.*?-->", re.S)
TAG = re.compile(r"<[^>]*>", re.S)
ATTRIBUTE = re.compile(r'\b(?:alt|title|placeholder|aria-label)="([^"\x00]*)"', re.I)
LETTERS = re.compile(r"[^\W\d_]{2,}")
HIDDEN_BLOCKS = {
    "blocktranslate": "endblocktranslate",
    "blocktrans": "endblocktrans",
    "comment": "endcomment",
}
FILE_NAME = re.compile(r"^[\w.-]+\.(?:json|csv|geojson|pdf|ics|xml)$")
CODE = "\x00"  # stands for a template tag or variable: no letters, never text


def _text_only(source: str) -> str:
    """The template with every tag, variable and translated block replaced by CODE.

    Newlines are kept, so that a line number in the result is the template's.
    """
    parts = []
    # Text a reader never sees as such: translated blocks (marked already),
    # template comments and the admin's body class names.
    hidden_until = None
    for token in DebugLexer(source).tokenize():
        raw = source[token.position[0] : token.position[1]]
        if token.token_type == TokenType.BLOCK and hidden_until is None:
            bits = token.contents.split()
            if bits and bits[0] in HIDDEN_BLOCKS:
                hidden_until = HIDDEN_BLOCKS[bits[0]]
            elif bits[:2] == ["block", "bodyclass"]:
                hidden_until = "endblock"
        elif token.token_type == TokenType.BLOCK and token.contents.split()[:1] == [
            hidden_until
        ]:
            hidden_until = None
        if token.token_type == TokenType.TEXT and hidden_until is None:
            parts.append(raw)
        else:
            parts.append(CODE + "\n" * raw.count("\n"))
    return "".join(parts)


def _blank(match: re.Match) -> str:
    return CODE + "\n" * match.group(0).count("\n")


def unmarked_templates() -> list[str]:
    found = []
    for path in _template_files():
        text = _text_only(path.read_text())
        text = SCRIPT_STYLE.sub(_blank, COMMENT.sub(_blank, text))
        for number, line in enumerate(text.split("\n"), start=1):
            shown = ATTRIBUTE.findall(line)
            shown.extend(html.unescape(TAG.sub(CODE, line)).split(CODE))
            for words in shown:
                words = words.strip()
                if (
                    LETTERS.search(words)
                    and words not in TEMPLATE_ALLOWED
                    and not FILE_NAME.match(words)
                ):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {words[:70]}")
    return found
