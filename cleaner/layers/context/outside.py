"""Naming the lines outside the article by what they are, as they go.

A rule that matched the line (even one whose condition failed: a promo away
from the article's end) knows best. Below the comment section's start,
prose is what readers wrote and a short run of a name and a date between two
comments is its header. Otherwise the line's shape decides: a bare address is
boilerplate, a short line a menu entry, a longer one that ends no sentence
another story's headline, anything else boilerplate. Once the chain has
settled, the layer's finish step may name such a line better (naming.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from cleaner.layers.context.lines import MENU_WORDS, Shape
from cleaner.layers.naming import CJK, URL, cjk_words
from cleaner.model import Document
from cleaner.text import ends_sentence


def outside_category(doc: Document, index: int, shape: Shape) -> tuple[str, str]:
    """Name what a line outside the article is: a rule that matched it (even one whose
    context condition failed) knows best; otherwise its shape decides."""
    hits = doc.hits(index)
    if hits:
        return hits[0].id, hits[0].category
    line = doc.lines[index].stripped
    if URL.fullmatch(line):
        return "context.url", "boilerplate"
    cjk = not shape.prose and not line.isascii() and CJK.search(line)  # (isascii(): a flag of the str)
    words = cjk_words(line) if cjk or shape.words > MENU_WORDS else shape.words  # (CJK: by characters; no signs)
    ends = ends_sentence(line)
    if words <= MENU_WORDS and not ends:
        return "context.menu", "navigation"
    if not shape.prose and not ends and shape.words <= 25:
        return "context.teaser", "related"
    return "context.outside", "boilerplate"


def name_outside(
    doc: Document,
    kept: list[int],
    shapes: list[Shape],
    start: int,
    end: int,
    edge: int,
    barrier: int | None,
    headers: set[int],
    append: Callable[[tuple[int, str, str]], None],
    screen: Callable[[int, str, str], bool] | None = None,
) -> None:
    """``append`` (line index, rule, category) for each kept line outside the article
    kept[start:end + 1] that stands below line ``edge`` (-1: any) and that ``screen``, if
    given, lets go. ``barrier``: where the comment section starts (a line index), ``headers``:
    the commenters' names and dates there (regions.comment_headers). (A callback, not a
    generator: this runs for every line outside, most of a page dump.)"""
    outside = outside_category
    for pos in itertools.chain(range(start), range(end + 1, len(kept))):
        i = kept[pos]
        if i <= edge:
            continue
        if barrier is not None and i >= barrier and shapes[pos].prose:
            rule, category = "comments.thread", "comments"  # what readers wrote
        elif i in headers:
            rule, category = "context.comment-header", "comments"  # who wrote it, and when
        else:
            rule, category = outside(doc, i, shapes[pos])
        if screen is None or screen(i, rule, category):
            append((i, rule, category))
