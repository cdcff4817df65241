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
BAD_PER_WORD = 0.3
MAX_GOOD_WEIGHT = 120.0
MIN_ARTICLE_WEIGHT = 25.0  # words of prose: below this there is no article to find
MIN_PROSE_WORDS = 8
LONG_PROSE_WORDS = 20
MIN_STOPWORD_RATIO = 0.12
HEADLINE_LINES = 6  # how far above the article a headline block may reach
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
    def shape(self, line: str) -> _Shape:
        cjk = len(_CJK.findall(line))
        if cjk:
            words = len(line.split()) + cjk // 2
            return _Shape(words, ends_sentence(line) and len(line) >= 40)
        tokens = line.split()
        n = len(tokens)
        if n < MIN_PROSE_WORDS:
            return _Shape(n, False)
        if _NON_LATIN_SCRIPT.search(line) and not self._has_stopwords(tokens):
            # A script we have no function words for: shape alone decides.
            return _Shape(n, ends_sentence(line) or n >= LONG_PROSE_WORDS)
        ratio = self._stop_ratio(tokens)
        prose = ratio >= MIN_STOPWORD_RATIO and (ends_sentence(line) or n >= LONG_PROSE_WORDS)
        return _Shape(n, prose)

    def _stop_ratio(self, tokens: list[str]) -> float:
        sw = self.stopwords
        return sum(1 for t in tokens if t.lower().strip(".,;:!?\"'()“”‘’«»") in sw) / len(tokens)

    def _has_stopwords(self, tokens: list[str]) -> bool:
        sw = self.stopwords
        return any(t.lower().strip(".,;:!?\"'()“”‘’«»") in sw for t in tokens[:30])

    # -- the algorithm -----------------------------------------------------------
    def apply(self, doc: Document) -> None:
        kept = doc.kept()
        if len(kept) < 3:
            return
        shapes = [self.shape(doc.lines[i].stripped) for i in kept]
        weights = [
            min(float(s.words), MAX_GOOD_WEIGHT) if s.prose else -(BAD_BASE + BAD_PER_WORD * s.words) for s in shapes
        ]
        start, end, total = _max_segment(weights)
        if total < MIN_ARTICLE_WEIGHT:
            return
        start = self._headline_start(doc, kept, shapes, start, end)
        end = self._trailing_sentences(doc, kept, end)
        if start == 0 and end == len(kept) - 1:
            return
        for pos in [*range(start), *range(end + 1, len(kept))]:
            i = kept[pos]
            rule, category = self._outside_category(doc.lines[i].stripped, shapes[pos])
            if self.enabled(category, rule):
                self.remove(doc, i, rule, category)

    def _headline_start(self, doc: Document, kept: list[int], shapes: list[_Shape], start: int, end: int) -> int:
        """Walk up from the article over title, kicker, byline and date lines."""
        body = set()
        for pos in range(start, min(end + 1, start + 30)):
            body.update(w.lower() for w in _WORD.findall(doc.lines[kept[pos]].stripped) if len(w) > 3)
        body -= self.stopwords
        pos = start
        while pos > 0 and start - pos < HEADLINE_LINES:
            line = doc.lines[kept[pos - 1]].stripped
            if shapes[pos - 1].prose or self._headline_like(line, body):
                pos -= 1
                continue
            break
        return pos

    def _headline_like(self, line: str, body: set[str]) -> bool:
        if len(line.split()) > 40:
            return False
        if _BYLINE.match(line) and len(line.split()) <= 10:
            return True
        if _DATE.search(line) and len(line.split()) <= 12:
            return True
        words = {w.lower() for w in _WORD.findall(line) if len(w) > 3} - self.stopwords
        if not words:
            return False
        shared = len(words & body)
        return shared >= 2 or (shared == 1 and len(words) <= 3)

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
    def _outside_category(line: str, shape: _Shape) -> tuple[str, str]:
        if shape.words <= MENU_WORDS and not ends_sentence(line):
            return "context.menu", "navigation"
        if not shape.prose and not ends_sentence(line) and shape.words <= 25:
            return "context.teaser", "related"
        return "context.outside", "boilerplate"


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
