"""Duplicate layer: a second or later copy of a paragraph already kept.

Only exact copies (after trimming whitespace) of lines long enough to be a
paragraph: short lines such as "Photo", a repeated subheading or the same
interview question put to several people are structure, not copies, and are
left to the layers that know what they are. A shorter copy goes only where
other layers removed the lines on both sides of it: a photo gallery prints the
headline again between its credit and its counter.
"""

from __future__ import annotations

from cleaner.layers.base import Layer
from cleaner.model import Document

MIN_CHARS = 40
MIN_WORDS = 12
MIN_SHORT_WORDS = 4  # a shorter copy goes only among removed lines (see _among_removed)


class DuplicateLayer(Layer):
    name = "duplicate"
    # HTML mode: repeats inside the extracted article are the article's own (interview
    # questions, recipe lines); dropping them cost recall and gained no precision.
    kinds = frozenset({"text"})
    categories = ("duplicate",)

    def apply(self, doc: Document) -> None:
        if not self.enabled("duplicate", "duplicate.exact"):
            return
        seen: set[str] = set()
        short: set[str] = set()
        lines = doc.lines
        for i in doc.kept():
            ln = lines[i]
            if ln.removed:
                continue
            words = ln.stripped.split()
            if len(words) < MIN_WORDS:
                if len(words) >= MIN_SHORT_WORDS:
                    if ln.stripped in short and _among_removed(doc, i):
                        self.remove(doc, i, "duplicate.exact", "duplicate")
                    short.add(ln.stripped)
                continue
            key = " ".join(words)
            if len(key) < MIN_CHARS:
                continue
            if key in seen:
                self.remove(doc, i, "duplicate.exact", "duplicate")
            else:
                seen.add(key)


def _among_removed(doc: Document, i: int) -> bool:
    """The lines right above and below line ``i`` (blank lines skipped) were both removed."""
    lines = doc.lines
    above = next((j for j in range(i - 1, -1, -1) if not lines[j].blank), None)
    below = next((j for j in range(i + 1, len(lines)) if not lines[j].blank), None)
    return above is not None and below is not None and lines[above].removed and lines[below].removed
