"""Hostile input: does cleaning time grow linearly, and does anything crash?

Each case builds an input at a base size and at ten times that size, cleans
both (min of a few repeats), and reports the time ratio: a linear cleaner
shows ~10x; a quadratic regex or loop shows ~100x. The same cases, smaller,
run in tests/test_hostile.py with a generous 15x limit.

    python -m benchmarks.hostile            # every case, base size 100 kB (10x: 1 MB)
    python -m benchmarks.hostile --big      # the brief's sizes: 10 MB line, 100,000 nested tags, 10 MB attribute
    python -m benchmarks.hostile --only ads # cases whose name contains "ads"

The cases are in ``CASES`` (name -> (kind, builder(n) -> str)); see
benchmarks/REGEX-AUDIT.md for how the regex-targeted ones were chosen.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

from cleaner import Cleaner

PROSE = "The council met on Tuesday and voted to close the old bridge, officials said. "

Builder = Callable[[int], str]


def _line(prefix: str, unit: str, tail: str = "") -> Builder:
    """One line: ``prefix``, then ``unit`` repeated to about n characters, then ``tail``."""
    return lambda n: prefix + unit * max(1, n // len(unit)) + tail + "\n"


def _lines(line: str) -> Builder:
    """Many copies of one short line (per-line cost must stay flat)."""
    return lambda n: (line + "\n") * max(1, n // (len(line) + 1))


def _nested(tag: str) -> Builder:
    return lambda n: "<html><body>" + f"<{tag}>" * (n // (len(tag) + 2)) + "deep text" + "</body></html>"


def _attribute(n: int) -> str:
    return f'<html><body><p title="{"x" * n}">{PROSE}</p><p>{PROSE}</p></body></html>'


# Hostile lines aimed at the rule patterns: a literal start of a rule, then a
# long run of what its next quantifier eats, then a tail that makes the match
# fail at the very end (forcing every backtracking path to be tried).
REGEX_LINES: dict[str, tuple[str, str, str]] = {
    "prev-next-tabs": ("NEXT", "\t", "x" * 400),
    "prev-next-spaces": ("Next article", " ", "x" * 400),
    "watch-label-spaces": ("play video ", " ", "\x01"),
    "form-field-tabs": ("website ", "\t", "\x01"),
    "function-spaces": ("function ", " ", "\x01"),
    "css-colons": ("a{", ":", "\x01"),
    "breaking-label-tabs": ("this is a developing story", "\t", "xxx"),
    "copyright-spaces": ("copyright ", " ", ""),
    "source-named-spaces": ("Source: ", " ", "xxx"),
    "breaking-update-spaces": ("this is a breaking news update ", " ", ""),
    "breaking-update-spaces-text": ("this is a breaking news update ", " ", "x" * 400),
    "share-bar-spaces": ("share ", " ", "\x01"),
    "share-bar-networks": ("share on: facebook", " , twitter", "\x01"),
    "related-heading-spaces": ("also on  ", " ", "\x01"),
    "paren-credit-parens": ("Putin spoke ", "(", "/x)"),
    "paren-credit-slashes": ("(Photo ", "/a", "x"),
    "pipe-credit-pipes": ("Reuters ", " | A", "|"),
    "slash-credit-words": ("AP Photo", " / A", "/"),
    "breadcrumb-guillemets": ("Home ", "» ", "x"),
    "breadcrumb-chevrons": ("Home ", "› a ", "»"),
    "pagination-digits": ("1 ", "2 ", "x"),
    "copyright-symbols": ("© ", "©", "x"),
    "rule-underscores": ("_", "_", "x"),
    "dashes": ("-", "- ", "x"),
    "pipes": ("|", "|", "x"),
    "slashes": ("/", "/", "x"),
    "open-parens": ("(", "(", ""),
    "digits-and-spaces": ("", "12 ", "."),
    "left-guillemets": ("«", "« ", "x"),
    "markup-lt": ("<a ", "<a ", "x"),
    "markup-self-closing": ("", "<a />", " x"),  # 51 tags (the rule's cap) failing at the end
    "template-braces": ("{{", "{", "x"),
    "dom-call": ("window.", "(", "\x01"),
    "tweet-signature": ("— ", "a", "(@x) May 1, 2020x"),
    "adsbygoogle-glued": (PROSE, "(adsbygoogle = window.adsbygoogle || []).push({}); ", ""),
    "adsbygoogle-spaces": ("(adsbygoogle", " ", ""),
    "code-density": ("", "a.b(c); ", ""),
    "sentence-end-dots": ("", ". ", "x"),
    "closing-quotes": ("He said.", "”", "x"),
}

CASES: dict[str, tuple[str, Builder]] = {
    "one-line-no-spaces": ("text", _line("", "a")),
    "one-line-of-words": ("text", _line("", "word ")),
    "one-line-prose": ("text", _line("", PROSE)),
    "many-short-noise-lines": ("text", _lines("Next post »")),
    "many-credit-lines": ("text", _lines("© Youri Kochetkow / AFP")),
    "many-blank-lines": (
        "text",
        lambda n: "A line of prose that is long enough to keep, surely.\n" + "\n" * n + "End.\n",
    ),
    "alternating-prose-noise": ("text", _lines(PROSE + "\nShare this:")),
    **{f"re:{name}": ("text", _line(*spec)) for name, spec in REGEX_LINES.items()},
    "html-nested-div": ("html", _nested("div")),
    "html-nested-span": ("html", _nested("span")),
    "html-nested-a": ("html", _nested("a")),
    "html-unclosed-p": ("html", _nested("p")),
    "html-huge-attribute": ("html", _attribute),
    "html-many-paragraphs": ("html", lambda n: "<html><body>" + f"<p>{PROSE}</p>" * (n // 90) + "</body></html>"),
    "html-huge-comment": ("html", lambda n: f"<html><body><p>{PROSE}</p><!--{'-' * n}--></body></html>"),
    "html-tag-soup": ("html", lambda n: "<html><body>" + "<p><b><i>x</p></b>" * (n // 18) + "</body></html>"),
}


def timed(cleaner: Cleaner, kind: str, text: str, repeats: int) -> tuple[float, str]:
    best, out = float("inf"), ""
    for _ in range(repeats):
        start = time.process_time()
        out = cleaner.clean(text, kind=kind)
        best = min(best, time.process_time() - start)
    return best, out


def measure(cleaner: Cleaner, name: str, base: int, repeats: int = 3) -> tuple[float, float, str]:
    """Time at ``base`` and ``10 * base``; returns (t1, t10, short description of the 10x output).

    The two sizes are timed alternately and the minimum of each kept, so a
    burst of load on a shared machine hits both sides of the ratio.
    """
    kind, build = CASES[name]
    small, large = build(base), build(10 * base)
    t1 = t10 = float("inf")
    out = ""
    for _ in range(repeats):
        t1 = min(t1, timed(cleaner, kind, small, 1)[0])
        t, out = timed(cleaner, kind, large, 1)
        t10 = min(t10, t)
    return t1, t10, f"{len(large):,} chars in, {len(out):,} out"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", type=int, default=100_000, help="base input size in characters (default 100000)")
    ap.add_argument(
        "--big", action="store_true", help="base 1 MB (10x: 10 MB line, ~1.7M nested tags, 10 MB attribute)"
    )
    ap.add_argument("--only", default="", help="run only cases whose name contains this")
    args = ap.parse_args(argv)
    base = 1_000_000 if args.big else args.base
    cleaner = Cleaner()
    worst = 0.0
    print(f"{'case':34s} {'1x s':>9s} {'10x s':>9s} {'ratio':>7s}  output at 10x")
    for name in CASES:
        if args.only not in name:
            continue
        t1, t10, desc = measure(cleaner, name, base)
        ratio = t10 / t1 if t1 > 0 else float("inf")
        worst = max(worst, ratio)
        print(f"{name:34s} {t1:9.4f} {t10:9.4f} {ratio:6.1f}x  {desc}", flush=True)
    print(f"worst ratio: {worst:.1f}x (linear is ~10x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
