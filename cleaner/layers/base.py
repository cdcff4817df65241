"""The uniform layer interface and the rule-driven layer most layers build on.

A layer gets the Document, looks only at lines still kept, and removes or
cuts with a rule id and a category. It never edits kept text in any other way.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from typing import ClassVar

from cleaner.config import Config
from cleaner.match import SCREEN_LINES, RuleBook
from cleaner.model import Document
from cleaner.rules import Rule
from cleaner.text import is_prose


class Layer:
    """One job in the chain. Subclasses set ``name`` (stable, user-visible) and ``categories``."""

    name: ClassVar[str] = "layer"
    categories: ClassVar[tuple[str, ...]] = ()
    # Input kinds the layer runs on. A layer tuned on whole-page text dumps can
    # opt out of "html", where the extractor has already chosen the article.
    kinds: ClassVar[frozenset[str]] = frozenset({"text", "html"})
    # Layers (by name, this one's included) whose whole-line removals this layer
    # does not read: the chain does not run it again when only they changed the document.
    blind_to: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, config: Config, book: RuleBook) -> None:
        self.config = config
        self.book = book
        self.rules = [
            r for r in book.rules if r.category in self.categories and not r.names and config.enabled(r.category, r.id)
        ]
        self.line_rules = RuleSet([r for r in self.rules if not r.inline])
        self.inline_rules = [r for r in self.rules if r.inline]

    def enabled(self, category: str, rule: str) -> bool:
        return self.config.enabled(category, rule)

    def apply(self, doc: Document) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def finish(self, doc: Document) -> None:
        """Name again what this layer removed by a line's place rather than by a rule, now that
        every removal is known. The chain calls it once, after the last pass: it may rename this
        layer's removals (``doc.removals.rename``), never remove or keep a line."""

    def naming_rule(self, doc: Document, index: int) -> Rule | None:
        """The first naming rule (``names = true``) the user left on that matches line ``index``."""
        namer = self.book.namer
        if namer is None:
            return None
        return self._first_enabled(namer.hits(doc.lines[index].stripped))

    def naming_rules(self, doc: Document, indexes: Sequence[int]) -> Iterator[Rule | None]:
        """naming_rule of each line of ``indexes``, in order, the lines matched in batches: most
        match no naming rule, and the index tells most of those at once (RuleIndex.hits_of)."""
        namer = self.book.namer
        if namer is None:
            yield from itertools.repeat(None, len(indexes))
            return
        lines, first = doc.lines, self._first_enabled
        for lo in range(0, len(indexes), SCREEN_LINES):  # a batch at a time: a page dump may name millions
            for hits in namer.hits_of([lines[i].stripped for i in indexes[lo : lo + SCREEN_LINES]]):
                yield first(hits) if hits else None

    def _first_enabled(self, hits: Sequence[Rule]) -> Rule | None:
        return next((r for r in hits if self.enabled(r.category, r.id)), None)

    def remove(self, doc: Document, index: int, rule: str, category: str) -> None:
        doc.remove(index, self.name, rule, category)

    def kept_by_user(self, doc: Document, index: int) -> bool:
        """A rule or category the user disabled names this line: context rules must not take it either.

        Naming rules count: a line removed by its place is reported under the naming rule that
        matches it, and disabling the rule a removal names must keep its line."""
        config = self.config
        if not (config.disable_categories or config.disable_rules):
            return False  # nothing disabled: no need to match the line
        if any(not config.enabled(r.category, r.id) for r in doc.hits(index)):
            return True
        namer = self.book.namer
        return namer is not None and any(
            not config.enabled(r.category, r.id) for r in namer.hits(doc.lines[index].stripped)
        )


class RuleSet:
    """A layer's whole-line rules. Matching itself is done once per line by the
    document's RuleIndex (cleaner/match.py); a RuleSet picks, among the rules that
    matched a line, the first one that is its own and whose constraints hold."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = list(rules)
        self._ids = frozenset(r.id for r in self.rules)

    def first(
        self,
        doc: Document,
        index: int,
        *,
        at_end: bool = True,
        isolated: Callable[[], bool] | None = None,
    ) -> Rule | None:
        """The first of these rules (in data order) matching the whole of line ``index``.

        ``at_end`` says whether the line stands after the last prose line; rules
        marked ``at_end`` only apply there. ``isolated`` is asked, only when an
        ``isolated`` rule matches, whether the line stands alone between prose.
        """
        if not self._ids:
            return None
        for rule in doc.hits(index):
            if rule.id not in self._ids or (rule.at_end and not at_end):
                continue
            if rule.isolated and (isolated is None or not isolated()):
                continue
            return rule
        return None


def isolated_between_prose(doc: Document, kept: Sequence[int], pos: int) -> bool:
    """The line at ``kept[pos]`` has prose right above and below, and the line above does not announce a list."""
    if pos == 0 or pos + 1 >= len(kept):
        return False
    before = doc.lines[kept[pos - 1]].stripped
    after = doc.lines[kept[pos + 1]].stripped
    return is_prose(before) and not before.endswith(":") and is_prose(after)


def last_prose_index(doc: Document) -> int:
    """Index of the last kept line that reads as prose (-1 if none): the end of the article body."""
    return doc.last_prose()


class PatternLayer(Layer):
    """Drop every kept line that one of this layer's line rules matches."""

    def apply(self, doc: Document) -> None:
        for i, _, rule in self.matches(doc, doc.kept(), last_prose_index(doc)):
            self.remove(doc, i, rule.id, rule.category)

    def matches(self, doc: Document, kept: list[int], end: int) -> Iterator[tuple[int, int, Rule]]:
        """(line index, its position in ``kept``, rule) for each kept line one of this layer's rules takes.

        Only lines some rule matches are looked at. ``kept`` is the snapshot the
        caller walks neighbours in; ``end`` the last prose line (for ``at_end``
        rules). Lines removed meanwhile, by the caller too, are skipped.
        """
        if not self.line_rules.rules:
            return
        lines = doc.lines
        for i in doc.hit_lines():
            if lines[i].removed:
                continue
            pos = bisect_left(kept, i)
            rule = self.line_rules.first(
                doc, i, at_end=i > end, isolated=lambda pos=pos: isolated_between_prose(doc, kept, pos)
            )
            if rule is not None:
                yield i, pos, rule
