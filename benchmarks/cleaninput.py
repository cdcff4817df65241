"""What the cleaner takes from text that is already clean, and from its own HTML-mode output.

Three checks of "it must not harm clean text", on the 181 ScrapingHub pages:

1. **Clean articles in.** Each page's hand-made ground truth (``articleBody``,
   the article and nothing else, one paragraph per line) is cleaned in text
   mode. Every word removed is a word of an article lost; ideally none is.
   (The ground truth is not cleaned by this project's guide: some pages keep a
   copyright line or an ad disclosure, and a few repeat a paragraph, which the
   guide's ``duplicate`` category removes. So the floor is not exactly zero;
   the by-rule table shows where the words go.)
2. **HTML output in again.** Each page is cleaned in HTML mode, and that output
   is cleaned once more with ``kind="auto"`` (it is text now). A page whose
   text changes is one where ``clean(clean(page)) != clean(page)``; the HTML
   kind checks its output as text (Cleaner._check_as_text) so that none does.
3. **Text output in again.** Each page's naive whole-page text dump (text
   mode's benchmark input) is cleaned, and that output is cleaned once more.
   Text mode does not check its output, so this is where a layer that reads
   its own output differently (a first line taken for a page's <title>) shows.
   The same is done for the 1,497 WCXB dev dumps, by page type, with the words
   the second clean takes (issue 18 asks for none on every dump).

The first two are also scored against the ground truth with the benchmark's shingle
scorer, so a change can be read as recall lost.

    python -m benchmarks.cleaninput [--no-write]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence

from benchmarks import corpora
from benchmarks.results import write_section
from benchmarks.score import score_corpus, score_page
from cleaner.text import word_count as words

TOP_RULES = 15


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", help="the shared/ folder (default: ../shared beside the checkout)")
    parser.add_argument("--no-write", action="store_true", help="print only; do not write RESULTS.md")
    args = parser.parse_args(argv)

    from cleaner import Cleaner

    pages = corpora.load("scrapinghub", args.data).pages
    if not pages:
        print(f"no pages under {args.data}", file=sys.stderr)
        return 1
    cleaner = Cleaner()

    # 1. Ground truth in, text mode.
    total_words = lost_words = harmed = 0
    by_rule: Counter[tuple[str, str, str]] = Counter()
    truth_scores = []
    for page in pages:
        result = cleaner.clean_document(page.truth, kind="text")
        total_words += words(page.truth)
        lost = sum(words(r.text) for r in result.removals)
        lost_words += lost
        harmed += lost > 0
        for r in result.removals:
            by_rule[r.layer, r.rule, r.category] += words(r.text)
        truth_scores.append(score_page(result.text, page.truth))
    truth_corpus = score_corpus(truth_scores)

    # 2. HTML output in again.
    changed = changed_words = 0
    changed_by: Counter[str] = Counter()  # pages each layer changes
    once_scores, twice_scores = [], []
    by_rule_again: Counter[tuple[str, str, str]] = Counter()
    for page in pages:
        once = cleaner.clean(page.html, kind="html")
        again = cleaner.clean_document(once)
        if again.text != once:
            changed += 1
            changed_words += words(once) - words(again.text)
        for r in again.removals:
            by_rule_again[r.layer, r.rule, r.category] += words(r.text)
        changed_by.update({r.layer for r in again.removals})
        once_scores.append(score_page(once, page.truth))
        twice_scores.append(score_page(again.text, page.truth))
    once_corpus, twice_corpus = score_corpus(once_scores), score_corpus(twice_scores)

    # 3. Text output in again.
    text_changed: list[str] = []
    for page in pages:
        once = cleaner.clean(page.dump, kind="text")
        if cleaner.clean(once, kind="text") != once:
            text_changed.append(page.key[:8])

    # 3b. The same on WCXB dev's dumps, by page type: what a second clean takes.
    wcxb_changed: Counter[str] = Counter()
    wcxb_types: Counter[str] = Counter()
    wcxb_words = wcxb_lost = 0
    wcxb_worst: list[tuple[int, str]] = []
    for page in corpora.load("wcxb", args.data).pages:
        once = cleaner.clean(page.dump, kind="text")
        twice = cleaner.clean(once, kind="text")
        wcxb_types[page.page_type] += 1
        wcxb_words += words(once)
        if twice != once:
            wcxb_changed[page.page_type] += 1
            lost = words(once) - words(twice)
            wcxb_lost += lost
            wcxb_worst.append((lost, page.key))
    wcxb_worst.sort(reverse=True)

    n = len(pages)
    lines = [
        "# Clean text in: what the cleaner takes from text that is already clean",
        "",
        "Command: `python -m benchmarks.cleaninput`",
        "",
        f"1. The ground truth of the {n} ScrapingHub pages (the article alone) cleaned in text mode:",
        f"   {lost_words:,} of {total_words:,} words removed ({lost_words / total_words:.2%}), "
        f"on {harmed} of {n} pages; shingle recall against the same truth {truth_corpus.recall:.4f}.",
        f"2. The HTML-mode output of each page cleaned again (kind auto, so text mode): "
        f"{changed} of {n} pages change"
        + (" (" + ", ".join(f"{layer} on {k}" for layer, k in changed_by.most_common()) + ")" if changed_by else "")
        + f", {changed_words:,} words removed; "
        f"F1 {once_corpus.f1:.4f} once, {twice_corpus.f1:.4f} twice "
        f"(recall {once_corpus.recall:.4f} -> {twice_corpus.recall:.4f}).",
        f"3. The text-mode output of each page's naive text dump cleaned again: {len(text_changed)} of {n} pages change"
        + (f" ({', '.join(text_changed)})." if text_changed else "."),
        f"   On the {sum(wcxb_types.values()):,} WCXB dev dumps: {sum(wcxb_changed.values())} change ("
        + ", ".join(f"{t} {wcxb_changed[t]} of {k}" for t, k in wcxb_types.items())
        + f"); the second clean removes {wcxb_lost:,} of the {wcxb_words:,} words the first kept"
        + (
            "; most on " + ", ".join(f"{key} ({lost:,} words)" for lost, key in wcxb_worst[:8]) + "."
            if wcxb_worst
            else "."
        ),
        "",
        "Words removed from the ground truth, by rule (the ground truth was not made by this",
        "project's guide: some of these are a copyright line or an ad disclosure it kept):",
        "",
        "| layer | rule | category | words |",
        "|---|---|---|---:|",
        *(f"| {layer} | {rule} | {cat} | {w:,} |" for (layer, rule, cat), w in by_rule.most_common(TOP_RULES)),
        "",
    ]
    if by_rule_again:
        lines += [
            "Words removed when the HTML-mode output is cleaned again, by rule:",
            "",
            "| layer | rule | category | words |",
            "|---|---|---|---:|",
            *(f"| {lay} | {rule} | {cat} | {w:,} |" for (lay, rule, cat), w in by_rule_again.most_common(TOP_RULES)),
        ]
    else:
        lines.append("Cleaning the HTML-mode output again removes nothing from any page.")
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        write_section("clean-input", text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
