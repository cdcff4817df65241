"""Duplicate layer: a second or later copy of a paragraph already kept.

Only exact copies (after trimming whitespace) of lines long enough to be a
paragraph: short lines such as "Photo" or a repeated subheading are structure,
not copies, and are left to the layers that know what they are. So is a
paragraph that comes back three times or more (the question put to each guest
of an interview, a meal on each day of a plan): a page template or a scraper
doubles a paragraph, an article's form repeats one. A shorter copy goes only
where other layers removed the lines on both sides of it: a photo gallery
prints the headline again between its credit and its counter. On a forum
thread (the context layer's page_type, thread.py) every copy goes, however
many: a post comes back each time a reply quotes it.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from cleaner.layers.base import Layer
from cleaner.model import Document

MIN_CHARS = 40
MIN_WORDS = 12
MIN_SHORT_WORDS = 4  # a shorter copy goes only among removed lines (see _among_removed)
_SPACED = re.compile(r"[^\S ]|  ")  # whitespace but a single space: the key needs " ".join(split())
STRUCTURE = 3  # copies of a line that make it the article's structure, not a copy


class DuplicateLayer(Layer):
    name = "duplicate"
    # Not over the extracted lines of a page, where other layers' removals still stand
    # between them; the HTML kind runs it on its output as text (Cleaner._check_as_text).
    kinds = frozenset({"text"})
    categories = ("duplicate",)

    def apply(self, doc: Document) -> None:
        if not self.enabled("duplicate", "duplicate.exact"):
            return
        short: set[str] = set()
        lines = doc.lines
        kept = doc.kept()
        # First count each paragraph's copies: a paragraph that comes back STRUCTURE times
        # or more is how the article is built (the question put to each guest, a meal on
        # each day of a plan), not a copy a page template or a scraper made.
        copies: Counter[str] = Counter()
        keys: dict[int, str] = {}
        for i in kept:
            ln = lines[i]
            words = len(ln.stripped.split(None, MIN_WORDS))  # no further than it must: a line may be megabytes
            if words >= MIN_WORDS:
                keys[i] = key = _key(ln.stripped)
                if len(key) >= MIN_CHARS:
                    copies[key] += 1
            elif words >= MIN_SHORT_WORDS:
                if ln.stripped in short and _among_removed(doc, i):
                    self.remove(doc, i, "duplicate.exact", "duplicate")
                short.add(ln.stripped)
        # In a forum thread a paragraph printed again and again is a post quoted in the replies.
        structure = STRUCTURE if doc.meta.get("page_type") != "forum" else math.inf
        if not any(1 < n < structure for n in copies.values()):
            return  # no paragraph has a copy to remove
        for i in kept:
            key = keys.get(i)
            if key is None or lines[i].removed:
                continue
            count = copies.get(key, 0)  # 0: too short a key; -1: its first copy is behind us
            if count < 0:
                self.remove(doc, i, "duplicate.exact", "duplicate")
            elif 0 < count < structure:
                copies[key] = -1


def _key(line: str) -> str:
    """A paragraph's words joined by single spaces: copies differ only in how they are spaced."""
    return line if _SPACED.search(line) is None else " ".join(line.split())


def _among_removed(doc: Document, i: int) -> bool:
    """The lines right above and below line ``i`` (blank lines skipped) were both removed."""
    lines = doc.lines
    above = next((j for j in range(i - 1, -1, -1) if not lines[j].blank), None)
    below = next((j for j in range(i + 1, len(lines)) if not lines[j].blank), None)
    return above is not None and below is not None and lines[above].removed and lines[below].removed
