"""The block-structure check: HTML-mode output keeps the page's blocks one a line.

A page fails when a line of the cleaner's HTML-mode output holds more than
FACTOR times the words of the truth's longest paragraph: list items, posts or
code lines were run together, which a reader, a retrieval chunker or a line
filter downstream cannot take apart again. The goal is no failing page on
either corpus.

The truth's paragraphs are its blocks between blank lines. A truth without a
blank line (50 WCXB pages, 4 ScrapingHub ones) marks no paragraphs: its lines
are the page source's own line wraps, a break at every inline element, so a
true 60-word <p> would stand against a 17-word "paragraph". Those pages are
not checked, and the table says how many were.

A failing page's long line is also looked up in the page's own HTML, which
tells why it is long: "run together" when the page has a block boundary
inside it (what the cleaner must never output), "one block" when the page
itself holds it as one block (a 400-word <p>, an RSS item pasted into one
element, a log in one inline <code>: no markup to cut at, and the cleaner
adds no line break the page does not have), "not in the HTML" when most of
its words are not in the page's markup (trafilatura read them from embedded
JSON, such as Discourse's preloaded posts).

``python -m benchmarks.structure`` runs only the cleaner's HTML mode (the
slow part of a benchmark run is the other tools) and prints every failing
page; ``--type`` and ``--limit`` cut the run down while iterating. A run of
both full corpora writes its table into RESULTS.md (section ``structure``).
``python -m benchmarks.run`` prints the same table beside its scores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from benchmarks import corpora
from benchmarks.corpora import Corpus
from benchmarks.results import write_section

FACTOR = 3
CAUSES = ("run together", "one block", "not in the HTML")
LOCATED = 0.5  # share of a line's words that must be found in the page's markup
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")


@dataclass(frozen=True)
class LongLine:
    """A page's longest output line, in words, against the truth's longest paragraph."""

    key: str
    page_type: str
    words: int
    truth_words: int
    line: str
    cause: str = ""


def cause(html: str, line: str) -> str:
    """Why the line is long, read from the page's own markup (see CAUSES)."""
    from cleaner.blocks import _locate, page_words, split_line
    from cleaner.html import parse

    root = parse(html)
    if root is None:
        return CAUSES[2]
    page = page_words(root)
    tokens = line.split()
    located = sum(at is not None for at in _locate(tokens, page, 0))
    if located < LOCATED * len(tokens):
        return CAUSES[2]
    return CAUSES[0] if len(split_line(line, page)[0]) > 1 else CAUSES[1]


def longest(blocks: Iterable[str]) -> tuple[int, str]:
    """The word count of the longest of ``blocks``, and that block."""
    return max(((len(b.split()), b) for b in blocks), default=(0, ""), key=lambda t: t[0])


def paragraphs(truth: str) -> list[str]:
    """The truth's paragraphs (blocks between blank lines); none when it has no blank line."""
    blocks = _BLANK_LINE.split(truth.strip())
    return blocks if len(blocks) > 1 else []


def checked(page: corpora.Page) -> bool:
    """Whether the page's truth marks its paragraphs, so that its output can be checked."""
    return bool(paragraphs(page.truth))


def long_line(page: corpora.Page, output: str, factor: int = FACTOR) -> LongLine | None:
    """The page's longest output line when it is over ``factor`` times the truth's longest paragraph.

    A page whose truth marks no paragraphs (see ``paragraphs``) never fails.
    """
    truth_words, _ = longest(paragraphs(page.truth))
    if truth_words == 0:
        return None
    words, line = longest(output.split("\n"))
    if words <= factor * truth_words:
        return None
    return LongLine(page.key, page.page_type, words, truth_words, line, cause(page.html, line))


def failures(corpus: Corpus, outputs: Sequence[str]) -> list[LongLine]:
    """Every page of ``corpus`` whose output (in page order) has a line too long."""
    return [f for p, out in zip(corpus.pages, outputs, strict=True) if (f := long_line(p, out)) is not None]


def table_markdown(results: Sequence[tuple[Corpus, list[LongLine]]]) -> str:
    """Per corpus and page type: pages with a line over FACTOR x the truth's longest paragraph, of all pages."""
    lines = [
        f"| corpus | page type | pages with a line > {FACTOR}x the truth's longest paragraph | "
        + " | ".join(f"... {c}" for c in CAUSES)
        + " | pages checked | pages |",
        "|---|---|---:|" + "---:|" * (len(CAUSES) + 2),
    ]
    for corpus, found in results:
        for kind in (*corpus.types, "all"):
            pages = [p for p in corpus.pages if kind in ("all", p.page_type)]
            bad = [f for f in found if kind in ("all", f.page_type)]
            causes = " | ".join(str(sum(f.cause == c for f in bad)) for c in CAUSES)
            lines.append(
                f"| {corpus.name} | {kind} | {len(bad)} | {causes} | {sum(map(checked, pages))} | {len(pages)} |"
            )
    return "\n".join(lines) + "\n"


LEGEND = (
    "\nA page counts when a line of the cleaner's HTML-mode output has more than "
    f"{FACTOR}x the words of the truth's longest paragraph (blocks between blank lines); a truth "
    "without a blank line marks no paragraphs and its page is not checked. Why the line is long, "
    "read from the page's own markup: *run together*, the page starts a block inside it (the cut "
    "was refused because cleaning the cut text as text would remove more, see "
    "`Cleaner._one_block_a_line`, or the tree trafilatura read no longer held those words); "
    "*one block*, the page holds it as one block; *not in the HTML*, "
    "most of its words are not in the page's markup (embedded JSON).\n"
)


def _sample(line: str, width: int = 160) -> str:
    return line if len(line) <= width else line[: width // 2] + " ... " + line[-width // 2 :]


def main(argv: Sequence[str] | None = None) -> int:
    """Clean every selected page in HTML mode and report the pages whose blocks ran together."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.structure", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", choices=("all", *corpora.FOLDERS), default="all")
    parser.add_argument("--data", help="the shared/ folder (default: ../shared beside the checkout)")
    parser.add_argument("--limit", type=int, help="only the first N pages of each corpus (sorted by key)")
    parser.add_argument("--type", action="append", choices=corpora.PAGE_TYPES, help="only these page types")
    parser.add_argument("--keys", help="comma-separated page keys: only these pages")
    parser.add_argument("--quiet", action="store_true", help="the table only, not each failing page")
    args = parser.parse_args(argv)
    from cleaner import Cleaner

    cleaner = Cleaner()
    names = list(corpora.FOLDERS) if args.corpus == "all" else [args.corpus]
    keys = set(args.keys.split(",")) if args.keys else None
    results = []
    for name in names:
        corpus = corpora.load(name, args.data, args.limit)
        pages = [
            p
            for p in corpus.pages
            if (args.type is None or p.page_type in args.type) and (keys is None or p.key in keys)
        ]
        corpus = Corpus(
            corpus.name, corpus.title, pages, corpus.page_score, corpus.corpus_score, corpus.metric, corpus.published
        )
        print(f"{name}: {len(pages)} pages ...", file=sys.stderr, flush=True)
        found = failures(corpus, [cleaner.clean(p.html, kind="html") for p in pages])
        if not args.quiet:
            for f in found:
                print(
                    f"{name} {f.page_type} {f.key}: {f.words} words on a line, "
                    f"truth's longest paragraph {f.truth_words}; {f.cause}"
                )
                print(f"    {_sample(f.line)}")
        results.append((corpus, found))
    table = table_markdown(results)
    print(table)
    if args.corpus == "all" and args.limit is None and args.type is None and keys is None:
        date = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        write_section(
            "structure",
            f"## Block structure of the HTML mode\n\n- Command: `python -m benchmarks.structure`\n- Date: {date}\n\n"
            + table
            + LEGEND,
        )
        print("wrote the structure section of benchmarks/RESULTS.md", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
