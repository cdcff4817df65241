"""Context layer: find the article in a whole-page text dump and drop the page around it.

Pattern rules cannot tell a menu from an article; position and shape can.
Each kept line gets a weight: lines that read as prose (long enough, ending
like a sentence, with the function words of real language) weigh their word
count; every other line weighs a small negative amount. The article is the
contiguous run of lines with the largest total weight (the maximum-sum
segment, as in Finn et al.'s Body Text Extraction), so short real lines
inside it (subheadings, one-line quotes, list items) are kept by their
neighbours. Above it, the headline block (title, kicker, byline, date) is
kept when it shares words with the body. Lines outside go, as navigation
(menu labels), related (other stories' headlines) or boilerplate.

The layer only acts when the page clearly has an article and clearly has
furniture around it, so text that is already clean passes untouched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cleaner.layers.base import Layer
from cleaner.model import Document
from cleaner.text import ends_sentence

# A prose line weighs its word count; other lines weigh -(BASE + PER_WORD * words).
BAD_BASE = 1.0
BAD_PER_WORD = 0.5
MAX_GOOD_WEIGHT = 120.0
PROSE_OFFSET = 10  # words a prose line must have before it weighs much
REMOVED_WEIGHT = 3.0
DATED_WEIGHT = 15.0  # a line another layer removed: page furniture, a separator
MIN_ARTICLE_WEIGHT = 25.0  # words of prose: below this there is no article to find
MIN_PROSE_WORDS = 8
LONG_PROSE_WORDS = 20
MIN_STOPWORD_RATIO = 0.12
HEADLINE_LINES = 10  # how far above the article a headline block may reach
SKIP_WORDS = 6  # widget lines (share buttons, counters) between title and body are at most this long
MAX_SKIPPED = 4
MENU_WORDS = 3

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_NON_LATIN_SCRIPT = re.compile(
    r"[\u0400-\u04ff\u0590-\u06ff\u0900-\u0dff\u0e00-\u0eff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"
)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_DATE = re.compile(
    r"(?i)\b(?:19|20)\d\d\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
    r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{1,2}:\d{2}\b"
)
_URL = re.compile(r"(?:https?://|www\.)\S{1,2000}")
_BYLINE = re.compile(r"(?i)^(?:by|von|par|por|di|de|от|written by|posted by|published by)\s+\S")


@dataclass(slots=True)
class _Shape:
    words: int
    prose: bool


class ContextLayer(Layer):
    name = "context"
    categories = ("boilerplate", "navigation", "related")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.stopwords = self.book.words("stopwords")

    # -- line shape ------------------------------------------------------------
    def shape(self, line: str, shape_only: bool = False) -> _Shape:
        if _CJK.search(line):
            words = len(line.split()) + len(_CJK.findall(line)) // 2
            return _Shape(words, ends_sentence(line) and len(line) >= 40)
        n = len(line.split())
        if n < MIN_PROSE_WORDS:
            return _Shape(n, False)
        stop = sum(map(self.stopwords.__contains__, _WORD.findall(line.lower())))
        if shape_only or (not stop and _NON_LATIN_SCRIPT.search(line)):
            # A script we have no function words for: shape alone decides.
            return _Shape(n, ends_sentence(line) or n >= LONG_PROSE_WORDS)
        prose = stop >= MIN_STOPWORD_RATIO * n and (ends_sentence(line) or n >= LONG_PROSE_WORDS)
        return _Shape(n, prose)

    # -- the algorithm -----------------------------------------------------------
    def apply(self, doc: Document) -> None:
        kept = doc.kept()
        if len(kept) < 3:
            return
        shape_only = not self._language_known(doc, kept)
        shapes = [self.shape(doc.lines[i].stripped, shape_only) for i in kept]
        # Lines other layers already removed still separate the article from the page.
        weight_of = {i: _weight(s) for i, s in zip(kept, shapes, strict=True)}
        for i, s in zip(kept, shapes, strict=True):
            # Dates and times on their own lines stamp teasers, comments and feeds;
            # an article has at most a dateline, which sits in the headline block.
            if not s.prose and _dated(doc.lines[i].stripped, s.words):
                weight_of[i] = -DATED_WEIGHT
        content = [i for i, ln in enumerate(doc.lines) if not ln.blank]
        weights = [weight_of.get(i, -REMOVED_WEIGHT) for i in content]
        # Teaser feeds and comment threads repeat a shape (title, author, date,
        # blurb); an article does not. Their prose is not article prose.
        signature = [_symbol(doc, i, weight_of) for i in content]
        for lo, hi in _periodic_regions(signature):
            for p in range(lo, hi):
                if weights[p] > 0:
                    weights[p] = -REMOVED_WEIGHT
        # The article cannot run on into the comment section that the tail layer found.
        limit = len(content)
        comments_start = doc.meta.get("comments_start")
        if isinstance(comments_start, int):
            cut = next((p for p, i in enumerate(content) if i >= comments_start), len(content))
            if sum(w for w in weights[:cut] if w > 0) >= 2 * MIN_ARTICLE_WEIGHT:
                limit = cut  # (comment lines before any article are a counter under the title)
        seg_start, seg_end, total = _max_segment(weights[:limit])
        if total < MIN_ARTICLE_WEIGHT:
            return
        first_line, last_line = content[seg_start], content[seg_end]
        start = next(p for p, i in enumerate(kept) if i >= first_line)
        end = max(p for p, i in enumerate(kept) if i <= last_line)
        start = self._headline_start(doc, kept, shapes, start, end)
        end = self._trailing_sentences(doc, kept, end)
        if start == 0 and end == len(kept) - 1:
            return
        barrier = content[limit] if limit < len(content) else None
        for pos in [*range(start), *range(end + 1, len(kept))]:
            i = kept[pos]
            if barrier is not None and i >= barrier:
                rule, category = "comments.thread", "comments"
            else:
                rule, category = self._outside_category(doc, i, shapes[pos])
            if self.enabled(category, rule):
                self.remove(doc, i, rule, category)

    def _language_known(self, doc: Document, kept: list[int]) -> bool:
        """Do our function-word lists cover this text? If not, prose is told by shape alone."""
        tokens = hits = 0
        for i in kept:
            words = doc.lines[i].stripped.split()
            if len(words) >= MIN_PROSE_WORDS:
                tokens += len(words)
                hits += sum(1 for w in words if w.lower() in self.stopwords)
                if tokens > 2000:
                    break
        return tokens == 0 or hits / tokens >= MIN_STOPWORD_RATIO / 3

    def _headline_start(self, doc: Document, kept: list[int], shapes: list[_Shape], start: int, end: int) -> int:
        """Walk up from the article over the headline block; return where the article starts.

        Below the title: deck sentences, bylines and dates, and a few short widget
        lines (share buttons, counters) that are skipped, not kept. The title is
        the first headline-shaped line that shares words with the body. Above it:
        more title lines, dates, and at most one short kicker, which ends the block.
        """
        body: set[str] = set()
        for pos in range(start, min(end + 1, start + 30)):
            body.update(w.lower() for w in _WORD.findall(doc.lines[kept[pos]].stripped) if len(w) > 3)
        body -= self.stopwords
        top = start
        pos = start
        skipped = 0
        title: str | None = None
        while pos > 0 and start - pos < HEADLINE_LINES:
            line = doc.lines[kept[pos - 1]].stripped
            words = len(line.split())
            dated = (_BYLINE.match(line) is not None and words <= 10) or (
                _DATE.search(line) is not None and words <= 12
            )
            if title is not None and line.endswith(title) and len(line) > len(title):
                break  # a breadcrumb that ends in the title: "Home » Section » <title>"
            if title is None and (shapes[pos - 1].prose or dated):
                pos -= 1
                top, skipped = pos, 0
            elif self._shares_words(line, body):
                pos -= 1
                top, skipped = pos, 0
                title = title or line
            elif title is not None and dated:
                pos -= 1
                top = pos
            elif title is not None and _kicker_like(line):
                top = pos - 1  # a kicker or section label above the title ends the block
                break
            elif title is None and words <= SKIP_WORDS and skipped < MAX_SKIPPED:
                pos -= 1
                skipped += 1
            else:
                break
        # Widget lines skipped inside the block are not headline: they go with the page.
        for p in range(top, start):
            ln = doc.lines[kept[p]]
            if not self._kept_in_headline(ln.stripped, shapes[p], body):
                rule, category = self._outside_category(doc, kept[p], shapes[p])
                if self.enabled(category, rule):
                    self.remove(doc, kept[p], rule, category)
        return top

    def _kept_in_headline(self, line: str, shape: _Shape, body: set[str]) -> bool:
        words = len(line.split())
        if shape.prose or self._shares_words(line, body):
            return True
        if _dated(line, words):
            return True
        return _kicker_like(line)

    def _shares_words(self, line: str, body: set[str]) -> bool:
        """Headline-shaped and about the same thing as the body."""
        if len(line.split()) > 40:
            return False
        words = {w.lower() for w in _WORD.findall(line) if len(w) > 3} - self.stopwords
        if not words:
            return False
        shared = len(words & body)
        if shared >= 2:
            return True
        # A short headline may name its subject once: "2018 Boys State Swim Results".
        return shared == 1 and len(words) <= 8 and not ends_sentence(line)

    @staticmethod
    def _trailing_sentences(doc: Document, kept: list[int], end: int) -> int:
        """Short sentences right after the article ("Stay tuned.") end it; keep them."""
        while end + 1 < len(kept):
            line = doc.lines[kept[end + 1]].stripped
            if ends_sentence(line) and 3 <= len(line.split()) < MIN_PROSE_WORDS and line[-1] != ":":
                end += 1
                continue
            break
        return end

    @staticmethod
    def _outside_category(doc: Document, index: int, shape: _Shape) -> tuple[str, str]:
        """Name what a line outside the article is: a rule that matched it (even one whose
        context condition failed) knows best; otherwise its shape decides."""
        hits = doc.hits(index)
        if hits:
            return hits[0].id, hits[0].category
        line = doc.lines[index].stripped
        if _URL.fullmatch(line):
            return "context.url", "boilerplate"
        if shape.words <= MENU_WORDS and not ends_sentence(line):
            return "context.menu", "navigation"
        if not shape.prose and not ends_sentence(line) and shape.words <= 25:
            return "context.teaser", "related"
        return "context.outside", "boilerplate"


def _weight(shape: _Shape) -> float:
    """Prose weighs its words beyond the first few, so short teaser blurbs count little."""
    if shape.prose:
        return min(max(float(shape.words - PROSE_OFFSET), 1.0), MAX_GOOD_WEIGHT)
    return -(BAD_BASE + BAD_PER_WORD * shape.words)


def _symbol(doc: Document, index: int, weight_of: dict[int, float]) -> str:
    """One letter for a line's shape: Removed, Dated, Prose, or Not prose."""
    if index not in weight_of:
        return "R"
    line = doc.lines[index].stripped
    words = len(line.split())
    if weight_of[index] > 0:
        return "P"
    if _dated(line, words):
        return "D"
    return "N"


def _periodic_regions(sig: list[str], min_repeats: int = 3) -> list[tuple[int, int]]:
    """Stretches where the shape sequence repeats with a short period that holds a date.

    A feed item (title, author, date, blurb) or a comment (name, date, text)
    repeated three times or more; periods made only of prose and one kind of
    short line (subheading, paragraph, paragraph) are how articles look, and are
    left alone.
    """
    regions: list[tuple[int, int]] = []
    n = len(sig)
    i = 0
    while i < n:
        found = None
        for period in range(2, 7):
            unit = sig[i : i + period]
            if len(unit) < period or "D" not in unit or len(set(unit) - {"P"}) < 2:
                continue
            j = i + period
            while j < n and sig[j] == sig[j - period]:
                j += 1
            if j - i >= period * min_repeats:
                found = (i, j)
                break
        if found:
            regions.append(found)
            i = found[1]
        else:
            i += 1
    return regions


def _dated(line: str, words: int) -> bool:
    """A byline or a dateline: 'By Jane Doe', 'Updated 10:01 pm PST, November 19, 2019'."""
    return (words <= 10 and _BYLINE.match(line) is not None) or (words <= 12 and _DATE.search(line) is not None)


def _kicker_like(line: str) -> bool:
    """A section label: a few words, no digits (archive counts, dates), not a link."""
    return (
        len(line.split()) <= MENU_WORDS
        and not ends_sentence(line)
        and not any(ch.isdigit() for ch in line)
        and _URL.fullmatch(line) is None
    )


def _max_segment(weights: list[float]) -> tuple[int, int, float]:
    """Kadane: the contiguous run with the largest sum, as (start, end, sum)."""
    best = (0, -1, 0.0)
    run_start, run = 0, 0.0
    for k, w in enumerate(weights):
        if run <= 0:
            run_start, run = k, w
        else:
            run += w
        if run > best[2]:
            best = (run_start, k, run)
    return best
