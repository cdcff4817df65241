"""Per-page diagnosis: where the cleaner loses most against the best peer, and which rule decided.

    python -m benchmarks.worst --corpus wcxb --mode html --type forum -n 20

For each page of the chosen corpus (and page type) the cleaner and the peers
of that mode (the rows of ``benchmarks.run``) are scored by the corpus's own
metric. Pages are listed by how far the cleaner falls below the best peer on
that page, each with:

* lines the truth keeps that the cleaner dropped, each with the removal
  (layer, rule, category) that took it, or "not extracted" where no removal
  names it (in HTML mode, trafilatura left it out without a reason of ours);
* lines the cleaner kept that the truth does not have.

A line counts as in a text when its lower-cased words, whitespace collapsed,
stand in that text, or when four fifths of its words do (texts are flattened
differently by each tool); a line of under four words only when it is a whole
line of that text. This is the tool the generalization work lives in:
read what decided, fix the mechanism, never the page.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks import corpora, run

_WORD = re.compile(r"\w+")
COVER = 0.8
SHORT_WORDS = 4  # a line of fewer words ("Users", "Reply") is in a text only as a whole line of it


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


class Text:
    """A text prepared for 'does this line stand in it' questions."""

    def __init__(self, text: str) -> None:
        self.flat = " " + _norm(text) + " "
        self.words = Counter(_WORD.findall(text.lower()))
        self.lines = {_norm(line) for line in text.splitlines()}

    def has(self, line: str) -> bool:
        """True when the line, or four fifths of its words, is in this text; a short line must be a line of it."""
        norm = _norm(line)
        if not norm:
            return True
        if norm.count(" ") < SHORT_WORDS - 1:
            return norm in self.lines
        if f" {norm} " in self.flat:
            return True
        words = Counter(norm.split())
        found = sum(min(n, self.words.get(w, 0)) for w, n in words.items())
        return found >= COVER * sum(words.values())


@dataclass
class Diagnosis:
    """One page: the cleaner's score, the best peer's, and the lines that made the difference."""

    page: corpora.Page
    cleaner_f1: float
    peer: str
    peer_f1: float
    dropped: list[tuple[str, str]]  # (line, what removed it)
    kept: list[str]

    @property
    def loss(self) -> float:
        return self.peer_f1 - self.cleaner_f1


def _who(removals: Sequence, line: str, line_no: int | None) -> str:
    """The removal that took ``line``: by input line number in text mode, by text in HTML mode."""
    norm = _norm(line)
    for r in removals:
        if line_no is not None and r.line is not None and r.start is None:
            if r.line <= line_no <= (r.end_line or r.line):
                return f"{r.layer} / {r.rule} / {r.category}"
        elif (
            line_no is None
            and r.text
            and norm
            and (norm in _norm(r.text) or _norm(r.text) in norm)
            and len(_norm(r.text)) >= min(len(norm), 12)
        ):
            return f"{r.layer} / {r.rule} / {r.category}"
    return "not extracted (no removal names it)" if line_no is None else "no removal recorded"


def diagnose(page: corpora.Page, mode: str, result, peers: dict[str, str], corpus: corpora.Corpus) -> Diagnosis:
    """Compare the cleaner's result on ``page`` with the truth and the best peer's output."""
    score = corpus.page_score(result.text, page.truth).f1
    best, best_f1 = max(((name, corpus.page_score(out, page.truth).f1) for name, out in peers.items()),
                        key=lambda x: x[1], default=("none", 0.0))  # fmt: skip
    truth, output = Text(page.truth), Text(result.text)
    dropped: list[tuple[str, str]] = []
    if mode == "text":
        for no, line in enumerate(page.dump.splitlines(), 1):
            if line.strip() and truth.has(line) and not output.has(line):
                dropped.append((line, _who(result.removals, line, no)))
    else:
        for line in page.truth.splitlines():
            if line.strip() and not output.has(line):
                dropped.append((line, _who(result.removals, line, None)))
    kept = [line for line in result.text.splitlines() if line.strip() and not truth.has(line)]
    return Diagnosis(page, score, best, best_f1, dropped, kept)


def _clip(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def report(d: Diagnosis, lines: int) -> str:
    out = [
        f"## {d.page.key} ({d.page.page_type}) {d.page.url}",
        f"cleaner F1 {d.cleaner_f1:.3f}, best peer {d.peer} {d.peer_f1:.3f} (loss {d.loss:+.3f}); "
        f"{len(d.dropped)} truth lines dropped, {len(d.kept)} noise lines kept",
    ]
    if d.dropped:
        out.append("  dropped (truth keeps):")
        out += [f"    - {_clip(line)}  <- {who}" for line, who in d.dropped[:lines]]
        if len(d.dropped) > lines:
            out.append(f"    ... {len(d.dropped) - lines} more")
    if d.kept:
        out.append("  kept (truth drops):")
        out += [f"    + {_clip(line)}" for line in d.kept[:lines]]
        if len(d.kept) > lines:
            out.append(f"    ... {len(d.kept) - lines} more")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.worst", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", choices=tuple(corpora.FOLDERS), default="wcxb")
    parser.add_argument("--mode", choices=("html", "text"), default="html")
    parser.add_argument("--type", dest="page_type", choices=corpora.PAGE_TYPES, help="only pages of this type")
    parser.add_argument("-n", type=int, default=20, help="pages to list (default 20)")
    parser.add_argument("--lines", type=int, default=8, help="lines shown per list and page (default 8)")
    parser.add_argument(
        "--peers", help="comma-separated peer names (default: every peer of the mode, as in benchmarks.run)"
    )
    parser.add_argument("--data", help="the shared/ folder (default: ../shared beside the checkout)")
    args = parser.parse_args(argv)

    corpus = corpora.load(args.corpus, args.data)
    pages = [p for p in corpus.pages if args.page_type in (None, p.page_type)]
    if not pages:
        print(f"no {args.page_type} pages in {args.corpus}", file=sys.stderr)
        return 1
    cleaner_obj, msg = run.load_cleaner()
    if cleaner_obj is None:
        print(msg, file=sys.stderr)
        return 1
    tools = run.html_tools(None) if args.mode == "html" else run.text_tools(None)
    wanted = {s.strip() for s in args.peers.split(",")} if args.peers else None
    peers = [t for t in tools if run.selected(t, wanted)]
    print(f"{len(pages)} pages, peers: {', '.join(t.name for t in peers)}", file=sys.stderr)
    found = []
    for i, page in enumerate(pages, 1):
        given = page.html if args.mode == "html" else page.dump
        result = cleaner_obj.clean_document(given, kind=args.mode)
        outs = {}
        for tool in peers:
            try:
                outs[tool.name] = tool.fn(given)
            except Exception:  # a peer that crashes on a page is no benchmark for it
                outs[tool.name] = ""
        found.append(diagnose(page, args.mode, result, outs, corpus))
        if i % 25 == 0:
            print(f"  {i}/{len(pages)}", file=sys.stderr, flush=True)
    found.sort(key=lambda d: d.loss, reverse=True)
    mean = sum(d.cleaner_f1 for d in found) / len(found)
    best = sum(d.peer_f1 for d in found) / len(found)
    print(
        f"# {args.corpus} {args.mode} {args.page_type or 'all types'}: {len(found)} pages; "
        f"cleaner mean F1 {mean:.3f}, best peer per page {best:.3f}\n"
    )
    for d in found[: args.n]:
        print(report(d, args.lines) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
