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
DATE = re.compile(
    r"(?i)\b(?:19|20)\d\d\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
    r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{1,2}:\d{2}\b"
)
BYLINE = re.compile(r"(?i)^(?:by|von|par|por|di|de|от|written by|posted by|published by)\s+\S")


def dated(line: str, words: int) -> bool:
    """A byline or a dateline: 'By Jane Doe', 'Updated 10:01 pm PST, November 19, 2019'."""
    return (words <= 10 and BYLINE.match(line) is not None) or (
        words <= 12 and DIGIT.search(line) is not None and DATE.search(line) is not None
    )  # (every date holds a digit: one quick search keeps most lines off the long pattern)


def cjk_words(line: str) -> int:
    """Words of a line, a run of CJK characters counting one word per three characters
    ('엔터테인먼트', 'Entertainment', is two): what tells a menu entry from a headline."""
    n = 0
    for token in line.split():
        cjk = len(CJK.findall(token))
        n += -(-cjk // 3) if cjk else 1
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
    if not shaped:
        return
    prefix = layer.name + "."
    lines = doc.lines
    whys = {i: removed.why(i) for i in shaped}  # as the layer named them
    names: dict[int, tuple[str, str]] = {}  # the new (rule, category) of a line, by index
    for i in shaped:  # first what the naming rules say: the next signals read it around a line
        rule = layer.naming_rule(doc, i)
        if rule is not None:
            names[i] = (rule.id, rule.category)
    by_text = _labels(layer, doc, removed)
    for i in shaped:
        if i not in names and (named := _named(layer, doc, i, whys[i][1], removed, names, by_text)) is not None:
            names[i] = named

    def category(k: int | None) -> str | None:
        """What line ``k`` is called now (None: kept)."""
        got = names.get(k) or whys.get(k)  # type: ignore[arg-type]
        if got is not None:
            return got[-1]
        return removed.why(k)[2] if k in removed else None

    stray = [i for i in shaped if i not in names]
    # A date or byline stamps the item above it: a teaser's date is the teaser's, a comment's the comment's.
    for i in stray:
        text = lines[i].stripped
        if dated(text, len(text.split())) and (above := category(line_above(doc, i))) in LIST_CATEGORIES:
            names[i] = (prefix + "stamp", above)  # type: ignore[assignment]
    stray = [i for i in stray if i not in names]
    # A short line over other stories' headlines that the text shows as such heads their list.
    menu = prefix + "menu"
    for i in stray:
        if whys[i][1] == menu and _heads_teasers(doc, i, names, prefix) and not dated(lines[i].stripped, 3):
            names[i] = (prefix + "list-heading", "related")
    stray = [i for i in stray if i not in names]
    names.update(_in_list(doc, stray, whys, category, prefix))
    for i, (rule, new) in names.items():
        if (rule, new) != whys[i][1:] and layer.enabled(new, rule):
            removed.rename(i, rule, new)


def _labels(layer: Layer, doc: Document, removed: Removed) -> dict[str, list[int]]:
    """The short lines other layers removed by a rule, by text: a card repeats its label word for word."""
    name = layer.name
    found: dict[str, list[int]] = {}
    for k in removed.lines_where(lambda why: why[0] not in (name, "duplicate") and not why[1].endswith(".footer")):
        text = doc.lines[k].stripped
        if len(text.split()) <= LABEL_WORDS:
            found.setdefault(text, []).append(k)
    return found


def _named(
    layer: Layer,
    doc: Document,
    i: int,
    shape: str,
    removed: Removed,
    names: dict[int, tuple[str, str]],
    by_text: dict[str, list[int]],
) -> tuple[str, str] | None:
    """A better name than its shape (the rule ``shape``) for line ``i``, from the line and the lines
    next to it; or None. ``names``: what the naming rules call the lines around it."""
    line = doc.lines[i].stripped
    prefix = layer.name + "."
    rules = layer.book.by_id
    for k in by_text.get(line, ()):
        if abs(k - i) <= CARD_LINES:
            return prefix + "copy", removed.why(k)[2]  # a card's fixed line ('Интересное 0'), as another layer named it
    above = line_above(doc, i)
    if above in removed and shape == prefix + "teaser":
        head = rules.get(removed.why(above)[1])
        if head is not None and head.block:
            return head.id + ".item", head.category  # the headline a 'BREAKING NEWS' label runs
    if shape == prefix + "outside":
        head = _related_block_above(doc, i, removed, names, rules, prefix)
        if head is not None:
            return head.id + ".item", head.category  # a teaser's blurb, which the block did not take (prose)
    if line.endswith("?") and QUESTION_WORDS[0] <= len(line.split()) <= QUESTION_WORDS[1]:
        return prefix + "question", "related"  # another story's headline asks
    if line.endswith(CUT_SHORT) and (
        len(WORD.findall(line)) >= CUT_SHORT_WORDS or len(CJK.findall(line)) >= CUT_SHORT_CJK
    ):
        return prefix + "cut-short", "related"  # another story's headline or blurb, cut short
    return None


def _related_block_above(
    doc: Document, i: int, removed: Removed, names: dict[int, tuple[str, str]], rules: dict[str, Rule], prefix: str
) -> Rule | None:
    """The related block ('You may also like') whose list line ``i``, a sentence, stands in: above it
    only other sentences and share buttons up to the block's heading or one of its items."""
    k = line_above(doc, i)
    for _ in range(BLURB_REACH):
        if k not in removed:
            return None
        rule = removed.why(k)[1]
        head = rules.get(rule.removesuffix(".item"))
        if head is not None and head.block:
            return head if head.category == "related" else None
        if rule != prefix + "outside" and names.get(k, ("", ""))[1] != "promo" and removed.why(k)[2] != "promo":
            return None
        k = line_above(doc, k)
    return None


def _heads_teasers(doc: Document, i: int, names: dict[int, tuple[str, str]], prefix: str) -> bool:
    """The next two lines below ``i`` are other stories' headlines by their text (asked, cut short)."""
    k: int | None = i
    for _ in range(2):
        k = line_below(doc, k) if k is not None else None
        if k is None or names.get(k, ("", ""))[0] not in (prefix + "question", prefix + "cut-short"):
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
    out: dict[int, tuple[str, str]] = {}
    k = 0
    while k < len(stray):
        run = [stray[k]]
        while (j := line_below(doc, run[-1])) in strays:
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
