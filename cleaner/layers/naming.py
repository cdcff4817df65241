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
CARD_LINES = 10  # a line repeats a line of its own list (a card's label) within this many lines
LIST_CATEGORIES = frozenset({"navigation", "related", "boilerplate", "promo", "comments"})  # what lists are made of
LIST_MAJORITY = 2 / 3  # the share of a run that must have one name for the few others to take it
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

# Removals as the naming step reads them: line index -> (position in the log, layer, rule, category).
Removed = dict[int, tuple[int, str, str, str]]


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


def removed_lines(doc: Document) -> Removed:
    """Every whole-line removal, by line index."""
    return {i: (pos, layer, rule, category) for pos, i, (layer, rule, category) in doc.removals.numbered()}


def name_by_place(layer: Layer, doc: Document, shaped: list[int], removed: Removed) -> None:
    """Rename the lines ``shaped`` (indexes, in order) that ``layer`` removed and named by their
    shape ('<layer>.menu', '.teaser', '.outside'), where the page tells what they are."""
    if not shaped:
        return
    prefix = layer.name + "."
    lines = doc.lines
    by_text: dict[str, list[tuple[int, str]]] = {}  # what other layers named (by a rule), by text
    for i, (_, by, rule, category) in removed.items():
        if by not in (layer.name, "duplicate") and not rule.endswith(".footer"):
            by_text.setdefault(lines[i].stripped, []).append((i, category))
    rules = {r.id: r for r in layer.book.rules}
    names: dict[int, tuple[str, str]] = {}
    for i in shaped:
        named = _named(layer, doc, i, removed, by_text, rules)
        if named is not None:
            names[i] = named
    final = {i: names.get(i, (rule, category)) for i, (_, _, rule, category) in removed.items()}
    stray = [i for i in shaped if i not in names]
    # A date or byline stamps the item above it: a teaser's date is the teaser's, a comment's the comment's.
    for i in stray:
        above = line_above(doc, i)
        text = lines[i].stripped
        if above in final and final[above][1] in LIST_CATEGORIES and dated(text, len(text.split())):
            names[i] = final[i] = (prefix + "stamp", final[above][1])
    stray = [i for i in stray if i not in names]
    # A short line over other stories' headlines that the text shows as such heads their list.
    for i in stray:
        text = lines[i].stripped
        if removed[i][2] == prefix + "menu" and not dated(text, 3) and _heads_teasers(doc, i, names, prefix):
            names[i] = final[i] = (prefix + "list-heading", "related")
    stray = [i for i in stray if i not in names]
    names.update(_in_list(doc, stray, final, prefix))
    for i, (rule, category) in names.items():
        if category != removed[i][3] and layer.enabled(category, rule):
            doc.removals.rename(removed[i][0], rule, category)


def _named(
    layer: Layer,
    doc: Document,
    i: int,
    removed: Removed,
    by_text: dict[str, list[tuple[int, str]]],
    rules: dict[str, Rule],
) -> tuple[str, str] | None:
    """A better name than its shape for line ``i``, from the line and the lines next to it; or None."""
    line = doc.lines[i].stripped
    rule = layer.naming_rule(doc, i)
    if rule is not None:
        return rule.id, rule.category
    prefix = layer.name + "."
    for k, category in by_text.get(line, ()):
        if abs(k - i) <= CARD_LINES:
            return prefix + "copy", category  # a card's fixed line ('Интересное 0'), as another layer named it
    above = line_above(doc, i)
    if above in removed and removed[i][2] == prefix + "teaser":
        head = rules.get(removed[above][2])
        if head is not None and head.block:
            return head.id + ".item", head.category  # the headline a 'BREAKING NEWS' label runs
    if line.endswith("?") and QUESTION_WORDS[0] <= len(line.split()) <= QUESTION_WORDS[1]:
        return prefix + "question", "related"  # another story's headline asks
    if line.endswith(CUT_SHORT) and (
        len(WORD.findall(line)) >= CUT_SHORT_WORDS or len(CJK.findall(line)) >= CUT_SHORT_CJK
    ):
        return prefix + "cut-short", "related"  # another story's headline or blurb, cut short
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
    doc: Document, stray: list[int], final: dict[int, tuple[str, str]], prefix: str
) -> dict[int, tuple[str, str]]:
    """New names for the shape-named lines ``stray`` that stand in a list of another kind.

    ``final``: (rule, category) of every removed line, by index. The lines are taken in runs
    (one after the other, blank lines aside). A short run between two removed lines of one
    category takes it (a date and a reply between two comments); in a longer run, a few lines
    between lines of the name most of the run has take that name ('Places in this Story'
    among tags, 'Mensagens de Bom Dia' in a menu).
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
            above, below = line_above(doc, run[0]), line_below(doc, run[-1])
            if above in final and below in final and final[above][1] == final[below][1] in LIST_CATEGORIES:
                category = final[above][1]
                out.update((i, (prefix + "in-list", category)) for i in run if _may_take(final[i], category, prefix))
            continue
        major, most = Counter(final[i][1] for i in run).most_common(1)[0]
        if most < LIST_MAJORITY * len(run):
            continue
        groups = [list(g) for _, g in itertools.groupby(run, key=lambda i: final[i][1])]
        for before, group, after in zip(groups, groups[1:], groups[2:], strict=False):
            if (
                len(group) <= IN_LIST
                and _may_take(final[group[0]], major, prefix)
                and final[before[0]][1] == major
                and final[after[0]][1] == major
            ):
                out.update((i, (prefix + "in-list", major)) for i in group)
    return out


def _may_take(named: tuple[str, str], category: str, prefix: str) -> bool:
    """Whether a line named ``named`` by its shape may take a list's ``category`` (a sentence is no menu entry)."""
    return named[1] != category and not (named[0] == prefix + "outside" and category == "navigation")


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
