"""Navigation layer: previous/next links, breadcrumbs, menus, tag lists, pagination.

"Previous ..." and "Next ..." lines are the classic near-miss ("Next week, the
council votes."), so rules marked ``pair = true`` only fire when a matching
line stands directly beside another one (a prev/next pair), or when the line
stands after the last line of prose and reads as a title, not a sentence.
"""

from __future__ import annotations

from cleaner.layers.base import RuleSet, last_prose_index
from cleaner.layers.simple import BlockPatternLayer
from cleaner.model import Document
from cleaner.text import ends_sentence, word_count


class NavigationLayer(BlockPatternLayer):
    name = "navigation"
    categories = ("navigation",)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.pair_rules = RuleSet([r for r in self.line_rules.rules if r.pair])
        self.line_rules = RuleSet([r for r in self.line_rules.rules if not r.pair])

    def apply(self, doc: Document) -> None:
        self._pairs(doc)
        super().apply(doc)

    def _pairs(self, doc: Document) -> None:
        if not self.pair_rules.rules:
            return
        kept = doc.kept()
        hits = [self.pair_rules.first(doc, i) for i in kept]
        end = last_prose_index(doc)
        for pos, (i, rule) in enumerate(zip(kept, hits, strict=True)):
            if rule is None:
                continue
            paired = (pos > 0 and hits[pos - 1] is not None) or (pos + 1 < len(hits) and hits[pos + 1] is not None)
            if paired:
                self.remove(doc, i, rule.id, rule.category)
            elif i > end and _title_like(doc.lines[i].stripped):
                self.remove(doc, i, rule.id + ".alone", rule.category)


def _title_like(line: str) -> bool:
    """A link title, not a sentence: several words, no sentence ending."""
    return word_count(line) >= 4 and not ends_sentence(line)
