"""Navigation layer: previous/next links, breadcrumbs, menus, tag lists, pagination.

"Previous ..." and "Next ..." lines are the classic near-miss ("Next week, the
council votes."), so rules marked ``pair = true`` only fire when a matching
line stands directly beside another one (a prev/next pair), or when the line
stands after the last line of prose and reads as a title, not a sentence.
"""

from __future__ import annotations

from bisect import bisect_left

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
        # Positions in ``kept`` of the lines a pair rule matches (only lines with hits can).
        found = {}
        for i in doc.hit_lines():
            rule = self.pair_rules.first(doc, i)
            if rule is not None:
                found[bisect_left(kept, i)] = rule
        if not found:
            return
        end = last_prose_index(doc)
        for pos, rule in found.items():
            i = kept[pos]
            paired = pos - 1 in found or pos + 1 in found
            if paired:
                self.remove(doc, i, rule.id, rule.category)
            elif i > end and _title_like(doc.lines[i].stripped):
                self.remove(doc, i, rule.id + ".alone", rule.category)


def _title_like(line: str) -> bool:
    """A link title, not a sentence: several words, no sentence ending."""
    return word_count(line) >= 4 and not ends_sentence(line)
