"""Duplicate layer: a second or later copy of a paragraph already kept.

Only exact copies (after trimming whitespace) of lines long enough to be a
paragraph: short lines such as "Photo", a repeated subheading or the same
interview question put to several people are structure, not copies, and are
left to the layers that know what they are.
"""

from __future__ import annotations

from cleaner.layers.base import Layer
from cleaner.model import Document

MIN_CHARS = 40
MIN_WORDS = 12


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
        lines = doc.lines
        for i in doc.kept():
            ln = lines[i]
            # The key is never longer than the stripped line: most lines are out before a split.
            if ln.removed or len(ln.stripped) < MIN_CHARS:
                continue
            words = ln.text.split()
            if len(words) < MIN_WORDS:
                continue
            key = " ".join(words)
            if len(key) < MIN_CHARS:
                continue
            if key in seen:
                self.remove(doc, i, "duplicate.exact", "duplicate")
            else:
                seen.add(key)
