"""Weighing: what each line weighs for the article, before lists and tables are read.

A kept line weighs what its Shape says (lines.py): prose for, anything else
against. A line another layer removed still parts the article from the page:
it weighs -REMOVED_WEIGHT, twice that for page furniture (a menu, a related
list, a comment form) and a third of it inside the article (a caption, an
embed, a photo gallery's controls). Runs of headline-shaped lines, other
stories' titles, cost TEASER_STRESS times their weight. Regions that repeat a
card or a comment (regions.py) weigh as removed lines, whatever prose they hold.
The article must weigh MIN_ARTICLE_WEIGHT (some 25 words of prose) to be one.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, MutableSequence, Sequence

from cleaner.layers.context.lines import Shape
from cleaner.model import Document

REMOVED_WEIGHT = 3.0  # a line another layer removed: page furniture, a separator
MIN_ARTICLE_WEIGHT = 25.0  # words of prose: below this there is no article to find
# Lines other layers removed as page furniture separate more than an ad or a caption inside the article.
FURNITURE = frozenset({"navigation", "related", "boilerplate", "comments"})
FURNITURE_FACTOR = 2.0
# A photo gallery (captions, credits, its controls) sits inside the article: it parts
# the paragraphs around it less than an ad does ('Note: ...' under a gallery of 13 lines).
# So do captions and embeds (a tweet, a video's title) that other layers removed.
GALLERY = frozenset({"navigation.gallery", "navigation.counter"})
GALLERY_FACTOR = 1 / 3
TEASER_RUN = 5
TEASER_STRESS = 3.0

_TEASER_RUN = re.compile(f"1{{{TEASER_RUN},}}")


def removed_marks(doc: Document) -> tuple[bytearray, array[float], set[str]]:
    """What the whole-line removals so far tell, by line index: whether a line was removed as
    related (a heading such as 'You may also like'), and each removed line's weight factor
    (removed_factor); with the names of the layers that removed them.

    Flags and factors in arrays, not sets and dicts of Python ints: a page dump of
    50-byte lines may lose millions.
    """
    related = bytearray(len(doc.lines))
    factor = array("d", [1.0]) * len(doc.lines)  # a removed line's weight factor
    factors: dict[tuple[str, str, str], float] = {}  # by (layer, rule, category)
    for i, why in doc.removals.whole():
        f = factors.get(why)
        if f is None:
            f = factors[why] = removed_factor(why[2], why[1])
        factor[i] = f
        if why[2] == "related":
            related[i] = 1
    return related, factor, {layer for layer, _, _ in factors}


def removed_factor(category: str, rule: str) -> float:
    """How much a line another layer removed parts the article: furniture more, a gallery's lines less."""
    if category in ("caption", "embed") or rule in GALLERY:
        return GALLERY_FACTOR
    return FURNITURE_FACTOR if category in FURNITURE else 1.0


def line_weights(sh: Sequence[Shape | None], content: Sequence[int], factor: Sequence[float]) -> array[float]:
    """What each content line weighs for the article: a kept line its shape's weight, a line another
    layer removed (None in ``sh``) -REMOVED_WEIGHT times its factor. ``content``: the line index of each."""
    return array(
        "d", (s.weight if s is not None else -REMOVED_WEIGHT * factor[i] for s, i in zip(sh, content, strict=True))
    )


def weigh_as_removed(weights: MutableSequence[float], regions: Iterable[tuple[int, int]]) -> None:
    """The lines of each region [lo, hi) that weigh for the article weigh as a removed line instead."""
    for lo, hi in regions:
        for p in range(lo, hi):
            if weights[p] > 0:
                weights[p] = -REMOVED_WEIGHT


def stress_teaser_runs(sh: list[Shape | None], weights: list[float]) -> None:
    """Runs of headline-shaped lines (other stories' titles) cost more than their lines alone.

    List items (ingredients, questions and answers, table rows) start with a
    digit or a marker, or end like a sentence; they keep their plain weight.
    ``sh`` holds the shape of each content line (None: removed).
    """
    flags = "".join(["1" if s is not None and s.teaser else "0" for s in sh])
    for m in _TEASER_RUN.finditer(flags):
        for q in range(m.start(), m.end()):
            weights[q] *= TEASER_STRESS
