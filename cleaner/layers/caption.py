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


class CaptionLayer(PatternLayer):
    name = "caption"
    categories = ("caption",)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.verbs = self.book.words("caption_verbs")

    def apply(self, doc: Document) -> None:
        kept = doc.kept()
        for i, pos, rule in self.matches(doc, kept, last_prose_index(doc)):
            self.remove(doc, i, rule.id, rule.category)
            if not rule.pair:
                continue
            neighbours = [kept[p] for p in (pos - 1, pos + 1) if 0 <= p < len(kept)]
            scored = [(self.caption_score(doc.lines[j].stripped), j) for j in neighbours if not doc.lines[j].removed]
            best = max(scored, default=(0, -1))
            # Only one neighbour is the caption; when both score the same, neither is trusted.
            if best[0] > 0 and sum(1 for s, _ in scored if s == best[0]) == 1:
                self.remove(doc, best[1], rule.id + ".caption", rule.category)

    def caption_score(self, line: str) -> int:
        """How much a line reads like a photo caption: caption verbs, side markers, a trailing date.

        A caption is a sentence: a bare date or a name next to a credit is a
        dateline or a byline, not the photo's caption.
        """
        if not MIN_CAPTION_WORDS <= word_count(line) <= MAX_CAPTION_WORDS:
            return 0
        score = len({w.lower() for w in _WORD.findall(line)} & self.verbs)
        if _SIDE_MARK.search(line):
            score += 1
        if _TRAILING_DATE.search(line):
            score += 1
        return score
