"""Markdown bodies that took Python-Markdown quadratic time or more, or ran it
out of stack, and others of the same families: each at the body's length
limit. `python -m tests.hostile.markdown_bombs` prints their render times."""

import sys
import time

from news.markdown import BODY_MAX_LENGTH, BODY_MAX_NESTING, render_markdown


def fill(unit: str, length: int = BODY_MAX_LENGTH) -> str:
    """`unit` repeated to exactly `length` characters."""
    return (unit * (length // len(unit) + 1))[:length]


def nested_lists(depth: int) -> str:
    return "".join("  " * level + "- item\n" for level in range(depth))


def nested_quotes(depth: int) -> str:
    return ">" * depth + " quoted\n"


BOMBS = {
    "[ repeated": fill("["),
    "![ repeated": fill("!["),
    "[]( repeated": fill("[]("),
    "[a][b] references": fill("[a][b]"),
    "*a repeated": fill("*a"),
    "_a repeated": fill("_a"),
    "**a repeated": fill("**a"),
    "***a repeated": fill("***a"),
    "abbreviation definitions": fill("*[HTML]: Hyper Text\n"),
    "footnote references and definitions": fill("[^1] ")[: BODY_MAX_LENGTH // 2]
    + fill("\n[^1]: a note", BODY_MAX_LENGTH // 2),
    "link reference definitions": fill("[a]: /u\n"),
    "lists nested 600 deep on one line": "- " * 600 + "item",
    "lists nested 135 deep, indented": nested_lists(135),
    "lists nested to the length limit": fill("- ", BODY_MAX_LENGTH - 4) + "item",
    "quotes nested 600 deep": nested_quotes(600),
    "quotes nested to the length limit": fill(">"),
    "lists and quotes interleaved": fill("> - "),
    "` repeated": fill("`"),
    "`a`` repeated": fill("`a``"),
    "< repeated": fill("<"),
    "<a  repeated": fill("<a "),
    "<!-- repeated": fill("<!--"),
    "<http://a repeated": fill("<http://a"),
    "&# repeated": fill("&#"),
    "backslashes": fill("\\"),
    "headings": fill("# a\n"),
    "setext headings": fill("a\n=\n"),
    "code fences": fill("```\n"),
    "a table of one column": "|a|\n|-|\n" + fill("|x|\n", BODY_MAX_LENGTH - 8),
    "a table row as wide as the limit": "|"
    + fill("a|", BODY_MAX_LENGTH // 2 - 2)
    + "\n|"
    + fill("-|", BODY_MAX_LENGTH // 2 - 2)
    + "\n",
    "NUL bytes": fill("\x00"),
    "ordinary prose": fill("A **bold** claim with [a link](https://example.org). "),
}
# The bodies the field refuses for their nesting (the others it takes).
TOO_DEEP = {
    "lists nested 600 deep on one line",
    "lists nested 135 deep, indented",
    "lists nested to the length limit",
    "quotes nested 600 deep",
    "quotes nested to the length limit",
    "lists and quotes interleaved",
}
assert all(len(body) <= BODY_MAX_LENGTH for body in BOMBS.values())
assert BODY_MAX_NESTING < 600


def render_length(text: str) -> int:
    """Rendered in a worker process: the length of the HTML."""
    return len(render_markdown(text))


def main() -> None:
    print("| Markdown body (characters) | render, wall | render, CPU | refused |")
    print("|---|---:|---:|---|")
    for name, body in BOMBS.items():
        wall, cpu = time.perf_counter(), time.process_time()
        render_markdown(body)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(
            f"| {name} ({len(body):,}) | {wall * 1000:.0f} ms | {cpu * 1000:.0f} ms "
            f"| {'nesting' if name in TOO_DEEP else ''} |"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
