"""Caption layer: photo and video captions and their credit lines.

Two shapes. A caption line that carries its own credit (``... on Tuesday.
(Yuri Kochetkov/Pool Photo/Associated Press)``) goes whole. A bare credit line
(``© Youri Kochetkow / AFP``, ``Mikhail Metzel | Sputnik | Reuters``) goes, and
so does the caption sentence directly before or after it, but only a neighbour
that reads like a caption (a caption verb such as "attends" or "meets", a
trailing date, "(L)"): the other neighbour is usually the story.
"""

from __future__ import annotations

import re

from cleaner.layers.base import PatternLayer, last_prose_index
from cleaner.model import Document
from cleaner.text import word_count

MAX_CAPTION_WORDS = 60
MIN_CAPTION_WORDS = 5
_TRAILING_DATE = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}, \d{4}\.?$|\b\d{4}\.?$"
)
_SIDE_MARK = re.compile(r"\((?:L|R|C|left|right|center|centre|from left|top|bottom)\)|, (?:left|right|center),", re.I)
_WORD = re.compile(r"[^\W\d_]+")
# A gallery shortens a long caption and prints its toggle: '... The Islanders ... more'.
_TRUNCATED = re.compile(r"(?:\.\.\.|…) ?more$")


class CaptionLayer(PatternLayer):
    name = "caption"
    categories = ("caption",)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.verbs = self.book.words("caption_verbs")

    def apply(self, doc: Document) -> None:
        kept = doc.kept()
        taken: set[str] = set()  # captions removed so far: a copy of one is a caption too
        for i, pos, rule in self.matches(doc, kept, last_prose_index(doc)):
            self.remove(doc, i, rule.id, rule.category)
            taken.add(doc.lines[i].stripped)
            if not rule.pair:
                continue
            # A gallery prints caption and credit twice: a caption line doubled beside a doubled
            # credit, or a doubled copy of a caption already taken, is the photo's caption.
            credit = doc.lines[i].stripped
            doubled_credit = any(
                0 <= pos + k < len(kept) and doc.lines[kept[pos + k]].stripped == credit for k in (-1, 1)
            )
            scored = []
            for p in (pos - 1, pos + 1):
                if not 0 <= p < len(kept) or doc.lines[kept[p]].removed:
                    continue
                line, d = doc.lines[kept[p]].stripped, p - pos
                gallery = self._doubled(doc, kept, p, d) and (doubled_credit or line in taken)
                scored.append((self.caption_score(line) + gallery, p, d))
            best = max(scored, default=(0, -1, 0))
            # Only one neighbour is the caption; when both score the same, neither is trusted.
            if best[0] > 0 and sum(1 for s, _, _ in scored if s == best[0]) == 1:
                _, p, d = best
                self.remove(doc, kept[p], rule.id + ".caption", rule.category)
                taken.add(doc.lines[kept[p]].stripped)
                if self._doubled(doc, kept, p, d):
                    self.remove(doc, kept[p + d], rule.id + ".caption", rule.category)

    @staticmethod
    def _doubled(doc: Document, kept: list[int], p: int, d: int) -> bool:
        """The caption at ``kept[p]`` is printed again right beyond it (step ``d`` away from the
        credit), whole or as the gallery's shortened copy ('... at ... more' beside the full
        caption). Alone this is no evidence: prose that repeats is the duplicate layer's."""
        q = p + d
        if not 0 <= q < len(kept) or doc.lines[kept[q]].removed:
            return False
        here, there = doc.lines[kept[p]].stripped, doc.lines[kept[q]].stripped
        return here == there or _shortened(here, there) or _shortened(there, here)

    def caption_score(self, line: str) -> int:
        """How much a line reads like a photo caption: caption verbs, side markers, a trailing date.

        A caption is a sentence: a bare date or a name next to a credit is a
        dateline or a byline, not the photo's caption. A sentence cut short by a
        '... more' toggle beside a credit is a gallery's shortened caption.
        """
        if not MIN_CAPTION_WORDS <= word_count(line) <= MAX_CAPTION_WORDS:
            return 0
        score = len({w.lower() for w in _WORD.findall(line)} & self.verbs)
        if _SIDE_MARK.search(line):
            score += 1
        if _TRAILING_DATE.search(line):
            score += 1
        if _TRUNCATED.search(line):
            score += 1
        return score


def _shortened(short: str, full: str) -> bool:
    """``short`` is ``full`` cut by a gallery's '... more' toggle (at least MIN_CAPTION_WORDS words kept)."""
    m = _TRUNCATED.search(short)
    if m is None:
        return False
    head = short[: m.start()].rstrip()
    return len(head) < len(full) and full.startswith(head) and word_count(head) >= MIN_CAPTION_WORDS
