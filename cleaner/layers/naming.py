"""Naming page furniture by what it is, once the chain has settled which lines go.

The context and tail layers remove lines by their place on the page (outside
the article, below a comment form) and name them first by their shape alone:
a short line is a menu entry, a headline-shaped one a teaser, anything else
boilerplate. Their ``finish`` step (Layer.finish) names such a line again
where the page tells more, because a line's category follows what it is, not
where it sits:

- a naming rule (``names = true`` in the rule files) matches it: a share bar;
- it repeats, a few lines away, a line another layer named: a card's label;
- it stands right under a block's heading and has a headline's shape: the
  headline a 'BREAKING NEWS' label runs;
- it is another story's headline by its text: a question, a line cut short;
- a short line heads such headlines: their list's heading;
- it is a date or a byline: it stamps the item above it;
- it strays in a list of another kind: 'Places in this Story' among tags, a
  date among teasers, a short reply between two comments.

Nothing here removes or keeps a line, and no layer decides anything by these names.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from cleaner.model import Document
from cleaner.text import ends_sentence

if TYPE_CHECKING:
    from cleaner.layers.base import Layer
    from cleaner.rules import Rule

MENU_WORDS = 3  # a menu entry: at most this many words (as the context layer's shape)
TEASER_MAX_WORDS = 25
QUESTION_WORDS = (5, 20)  # a headline that asks: this many words (fewer: a prompt, 'Got a tip?')
CUT_SHORT = ("...", "..", "…", "[…]", "[...]")
CUT_SHORT_WORDS = 5  # a headline cut short: at least this many words (fewer: 'Loading content ...')
CUT_SHORT_CJK = 6  # or this many CJK characters
BLURB_REACH = 20  # lines from a related list's heading to a blurb of its list, at most
LABEL_WORDS = 4  # a card's label: at most this many words
SECTION_WORDS = 6  # a section's name in a list of the post's categories: at most this many words
CARD_LINES = 10  # a line repeats a line of its own list (a card's label) within this many lines
LIST_CATEGORIES = frozenset({"navigation", "related", "boilerplate", "promo", "comments"})  # what lists are made of
LIST_MAJORITY = 2 / 3  # the share of a run that must have one name for the few others to take it
SENTENCE_CATEGORIES = frozenset({"related", "comments"})  # lists whose entries may be sentences
IN_LIST = 2  # lines named alike by their shape, at most, that may take the name of the list around them

# Shared with the context layer.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
URL = re.compile(r"(?:https?://|www\.)\S{1,2000}")
DIGIT = re.compile(r"\d")
_HAS_WORD = re.compile(r"\w")
COUNT = re.compile(r"\d{1,3}(?:[.,\u00a0 ]\d{3})*|\d+(?:[.,]\d)?[kKmM]")  # a counter: '0', '2.289', '1,204', '1.2K'
DATE = re.compile(
    r"(?i)\b(?:19|20)\d\d\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
    r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{1,2}:\d{2}\b"
)
PREV_NEXT_LABEL = "navigation.prev-next-arrow"  # the rule of a bare 'next post' label (its link's title below it)
_BOTH_WAYS = re.compile(r"(?i)(?:prev|older).{0,30}(?:next|newer)")  # 'Previous Next': a gallery's arrows, no title
_CRUMBS = re.compile(r"\s+[»›>/|]\s+")
BYLINE = re.compile(r"(?i)^(?:by|von|par|por|di|de|от|written by|posted by|published by)\s+\S")


def dated(line: str, words: int) -> bool:
    """A byline or a dateline: 'By Jane Doe', 'Updated 10:01 pm PST, November 19, 2019'."""
    return (words <= 10 and BYLINE.match(line) is not None) or (
        words <= 12 and DIGIT.search(line) is not None and DATE.search(line) is not None
    )  # (every date holds a digit: one quick search keeps most lines off the long pattern)


def cjk_words(line: str) -> int:
    """Words of a line, a run of CJK characters counting one word per three characters
    ('엔터테인먼트', 'Entertainment', is two), a bare sign ('&', '|') none ('Arts & Culture'
    is two): what tells a menu entry from a headline."""
    n = 0
    for token in line.split():
        cjk = len(CJK.findall(token))
        n += -(-cjk // 3) if cjk else 1 if _HAS_WORD.search(token) else 0
    return n


def shape_name(line: str, prose: bool) -> tuple[str, str]:
    """(name, category) of a furniture line by its shape alone: 'menu', 'teaser', 'url' or 'outside'."""
    if URL.fullmatch(line):
        return "url", "boilerplate"
    if cjk_words(line) <= MENU_WORDS and not ends_sentence(line):
        return "menu", "navigation"
    if not prose and not ends_sentence(line) and len(line.split()) <= TEASER_MAX_WORDS:
        return "teaser", "related"
    return "outside", "boilerplate"


class Removed:
    """The whole-line removals by line index, read from the log as it is now (a rename shows),
    without an object per removal: a page dump may lose millions of lines. One view serves
    every layer's naming step of a document."""

    __slots__ = ("_at", "_log")

    def __init__(self, doc: Document) -> None:
        self._log = doc.removals
        self._at = doc.removals.positions(len(doc.lines))

    @classmethod
    def of(cls, doc: Document) -> Removed:
        view = doc.state.get("naming")
        if not isinstance(view, Removed) or view._log is not doc.removals or len(view._at) != len(doc.lines):
            view = doc.state["naming"] = cls(doc)
        return view

    def __contains__(self, i: int | None) -> bool:
        return i is not None and self._at[i] >= 0

    def why(self, i: int) -> tuple[str, str, str]:
        """(layer, rule, category) of removed line ``i``."""
        return self._log.why_at(self._at[i])

    def rename(self, i: int, rule: str, category: str) -> None:
        self._log.rename(self._at[i], rule, category)

    def lines_where(self, wanted: Callable[[tuple[str, str, str]], bool]) -> list[int]:
        return self._log.lines_where(wanted)


def name_by_place(layer: Layer, doc: Document, shaped: list[int], removed: Removed) -> None:
    """Rename the lines ``shaped`` (indexes, in order) that ``layer`` removed and named by their
    shape ('<layer>.menu', '.teaser', '.outside'), where the page tells what they are."""
    if shaped:
        _Namer(layer, doc, shaped, removed).run()


class _Namer:
    """One layer's naming step over one document (see name_by_place)."""

    def __init__(self, layer: Layer, doc: Document, shaped: list[int], removed: Removed) -> None:
        self.layer, self.doc, self.shaped, self.removed = layer, doc, shaped, removed
        self.prefix = prefix = layer.name + "."
        self.teaser, self.outside = prefix + "teaser", prefix + "outside"
        self.headlines = (prefix + "question", prefix + "cut-short")  # names that tell another story's headline
        self.whys = {i: removed.why(i) for i in shaped}  # as the layer named them
        self.names: dict[int, tuple[str, str]] = {}  # the new (rule, category) of a line, by index
        self._labels: dict[str, list[int]] | None = None
        self._sections: set[str] | None = None

    def run(self) -> None:
        layer, doc, names, whys, prefix = self.layer, self.doc, self.names, self.whys, self.prefix
        lines = doc.lines
        # First what the naming rules say: the next signals read it around a line.
        for i, rule in zip(self.shaped, layer.naming_rules(doc, self.shaped), strict=True):
            if rule is not None:
                names[i] = (rule.id, rule.category)
        for i in self.shaped:
            if i not in names and (named := self.named(i)) is not None:
                names[i] = named
        stray = [i for i in self.shaped if i not in names]
        # A date or byline stamps the item above it: a teaser's date is the teaser's, a comment's the comment's.
        for i in stray:
            text = lines[i].stripped
            if dated(text, len(text.split())) and (above := self.category(line_above(doc, i))) in LIST_CATEGORIES:
                names[i] = (prefix + "stamp", above)
        stray = [i for i in stray if i not in names]
        # A short line over other stories' headlines that the text shows as such heads their list.
        menu = prefix + "menu"
        for i in stray:
            if whys[i][1] == menu and self.heads_teasers(i) and not dated(lines[i].stripped, 3):
                names[i] = (prefix + "list-heading", "related")
        stray = [i for i in stray if i not in names]
        # A bare count belongs to the widget beside it: share buttons, a comment's buttons, its label.
        for i in stray:
            if COUNT.fullmatch(lines[i].stripped) and (widget := self.counted(i)) is not None:
                names[i] = (prefix + "count", widget)
        stray = [i for i in stray if i not in names]
        names.update(_in_list(doc, stray, whys, self.category, prefix))
        for i, (rule, new) in names.items():
            if (rule, new) != whys[i][1:] and layer.enabled(new, rule):
                self.removed.rename(i, rule, new)

    def category(self, k: int | None) -> str | None:
        """What line ``k`` is called now (None: kept)."""
        got = self.names.get(k) or self.whys.get(k)  # type: ignore[arg-type]
        if got is not None:
            return got[-1]
        return self.removed.why(k)[2] if k in self.removed else None

    def named(self, i: int) -> tuple[str, str] | None:
        """A better name than its shape for line ``i``, from the line and the lines next to it; or None."""
        doc, removed, prefix = self.doc, self.removed, self.prefix
        line = doc.lines[i].stripped
        shape = self.whys[i][1]
        for k in (self._labels if self._labels is not None else self.labels()).get(line, ()):
            if abs(k - i) <= CARD_LINES:
                return prefix + "copy", removed.why(k)[
                    2
                ]  # a card's fixed line ('Интересное 0'), as another layer named it
        if shape == self.teaser:
            above = line_above(doc, i)
            if above in removed:
                above_rule = removed.why(above)[1]
                head = self.layer.book.by_id.get(above_rule)
                if head is not None and head.block:
                    # The headline a 'BREAKING NEWS' label runs. Still named by the rule that removed
                    # it: disabling the block's rule would not keep it, disabling this one would.
                    return shape, head.category
                if above_rule == PREV_NEXT_LABEL and not _BOTH_WAYS.search(doc.lines[above].stripped):
                    return prefix + "prev-next-title", "navigation"  # 'next post', then that post's title
        elif shape == self.outside:
            head = self.related_block_above(i)
            if head is not None:
                return shape, head.category  # a teaser's blurb, which the block did not take (prose)
        if line.endswith("?") and QUESTION_WORDS[0] <= len(line.split()) <= QUESTION_WORDS[1]:
            return prefix + "question", "related"  # another story's headline asks
        if line.endswith(CUT_SHORT) and (
            len(WORD.findall(line)) >= CUT_SHORT_WORDS or len(CJK.findall(line)) >= CUT_SHORT_CJK
        ):
            return prefix + "cut-short", "related"  # another story's headline or blurb, cut short
        if ", " in line and shape == self.teaser and self.lists_sections(line):
            return prefix + "sections", "navigation"  # the post's categories: names the page's menus give
        return None

    def labels(self) -> dict[str, list[int]]:
        """The short lines other layers removed by a rule, by text: a card repeats its label word for word."""
        if self._labels is None:
            name, lines = self.layer.name, self.doc.lines
            self._labels = {}
            for k in self.removed.lines_where(
                lambda why: why[0] not in (name, "duplicate") and not why[1].endswith(".footer")
            ):
                text = lines[k].stripped
                if len(text.split()) <= LABEL_WORDS:
                    self._labels.setdefault(text, []).append(k)
        return self._labels

    def lists_sections(self, line: str) -> bool:
        """The line lists, comma-separated, short names of which at least half are the page's own
        section names (menu entries, breadcrumb steps): 'Mensagens de Autoestima, Mensagens de ...'."""
        items = [item.strip() for item in line.split(", ")]
        if len(items) < 2 or not all(_section_name(item) for item in items):
            return False
        items = [item.casefold() for item in items]
        if self._sections is None:
            lines = self.doc.lines
            self._sections = set()
            for k in self.removed.lines_where(lambda why: why[2] == "navigation"):
                self._sections.update(part.strip().casefold() for part in _CRUMBS.split(lines[k].stripped))
        return 2 * sum(item in self._sections for item in items) >= len(items)

    def related_block_above(self, i: int) -> Rule | None:
        """The related block ('You may also like') whose list line ``i``, a sentence, stands in: above it
        only other sentences and share buttons up to the block's heading or one of its items."""
        removed, rules = self.removed, self.layer.book.by_id
        k = line_above(self.doc, i)
        for _ in range(BLURB_REACH):
            if k not in removed:
                return None
            rule = removed.why(k)[1]
            head = rules.get(rule.removesuffix(".item"))
            if head is not None and head.block:
                return head if head.category == "related" else None
            if rule != self.outside and self.category(k) != "promo":
                return None
            k = line_above(self.doc, k)
        return None

    def counted(self, i: int) -> str | None:
        """The category of the widget a bare count ('0', '2.289') belongs to: a share button next to
        it makes it a share count; otherwise the removed line above it (the widget it closes), else
        the one below (its label: '2.289' over 'letture')."""
        above, below = line_above(self.doc, i), line_below(self.doc, i)
        for k in (above, below):
            if k in self.removed and self.category(k) == "promo" and self.removed.why(k)[1].startswith("promo.share"):
                return "promo"
        for k in (above, below):
            if k in self.removed and (k not in self.whys or k in self.names):
                return self.category(k)  # named by more than its shape: it tells what the widget is
        return None

    def heads_teasers(self, i: int) -> bool:
        """The next two lines below ``i`` are other stories' headlines by their text (asked, cut short)."""
        k: int | None = i
        for _ in range(2):
            k = line_below(self.doc, k) if k is not None else None
            if k is None or self.names.get(k, ("", ""))[0] not in self.headlines:
                return False
        return True


def _in_list(
    doc: Document,
    stray: list[int],
    whys: dict[int, tuple[str, str, str]],
    category: Callable[[int | None], str | None],
    prefix: str,
) -> dict[int, tuple[str, str]]:
    """New names for the shape-named lines ``stray`` that stand in a list of another kind.

    ``whys``: how the layer named each of them; ``category`` tells what a line is called now.
    The lines are taken in runs (one after the other, blank lines aside). A short run between
    two removed lines of one category takes it (a date and a reply between two comments); in a
    longer run, a few lines between lines of the name most of the run has take that name
    ('Places in this Story' among tags, 'Mensagens de Bom Dia' in a menu).
    """
    strays = set(stray)
    lines = doc.lines
    end = len(lines)
    out: dict[int, tuple[str, str]] = {}
    k = 0
    while k < len(stray):
        run = [stray[k]]
        while True:  # the next line that is not blank (line_below, inlined: this runs once per line)
            j = run[-1] + 1
            while j < end and lines[j].blank:
                j += 1
            if j == end or j not in strays:
                break
            run.append(j)
        k += len(run)
        if len(run) <= IN_LIST:
            around = category(line_above(doc, run[0]))
            if around in LIST_CATEGORIES and category(line_below(doc, run[-1])) == around:
                out.update((i, (prefix + "in-list", around)) for i in run if _may_take(whys[i], around, prefix))
            continue
        cats = [category(i) for i in run]
        major, most = Counter(cats).most_common(1)[0]
        if most < LIST_MAJORITY * len(run) or major is None:
            continue
        start = 0
        for _, group in itertools.groupby(cats):
            size = len(list(group))
            lo, hi = start, start + size
            start = hi
            if lo == 0 or hi == len(run) or size > IN_LIST or cats[lo] == major:
                continue
            if cats[lo - 1] == major and cats[hi] == major:
                out.update((i, (prefix + "in-list", major)) for i in run[lo:hi] if _may_take(whys[i], major, prefix))
    return out


def _may_take(why: tuple[str, str, str], category: str, prefix: str) -> bool:
    """Whether a line removed as ``why`` (by its shape) may take a list's ``category``: a sentence
    is a teaser's blurb or a comment, never a menu entry or a share button."""
    return why[2] != category and (why[1] != prefix + "outside" or category in SENTENCE_CATEGORIES)


def _section_name(item: str) -> bool:
    """A section's name: a few words that start with a capital, not with an article ('A News UK Company')."""
    words = item.split()
    return 0 < len(words) <= SECTION_WORDS and words[0][0].isupper() and words[0] not in ("A", "An", "The")


def line_above(doc: Document, i: int) -> int | None:
    """The nearest line above ``i`` that is not blank (None at the top)."""
    lines = doc.lines
    k = i - 1
    while k >= 0 and lines[k].blank:
        k -= 1
    return k if k >= 0 else None


def line_below(doc: Document, i: int) -> int | None:
    """The nearest line below ``i`` that is not blank (None at the end)."""
    lines = doc.lines
    k = i + 1
    while k < len(lines) and lines[k].blank:
        k += 1
    return k if k < len(lines) else None
