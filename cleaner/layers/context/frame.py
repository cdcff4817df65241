"""Page dump or article alone: whether page furniture stands around the article.

The layer removes the page around an article only when there is a page. A
dump of a whole page opens with the <title> that the headline repeats
(titles.opens_with_title), or with a header: a menu, a login link, lines
that this layer or a rule removes above the body (framed), unless no rule
took page furniture from it and it opens with no menu-like line
(plain_head). Text that starts with its article and its headline block is an
article already cut out of its page: its lists and short lines are its own,
and only what follows page furniture that a rule named below it goes
(furniture_edge). The layer decides
this once per document, in its first round.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cleaner.layers.context.lines import LONG_PROSE_WORDS, MENU_WORDS, Shape
from cleaner.layers.context.weigh import FURNITURE
from cleaner.model import Document
from cleaner.text import ends_sentence

HEADER_LINES = 2  # lines of page furniture above the article that make the text a page dump
# Text no rule took furniture from, with this many paragraphs above the best run and at least
# this share of its words above it in prose lines, is one document of several sections.
SECTION_PARAGRAPHS = 3
SECTION_PROSE_SHARE = 1 / 3
# Text no rule took furniture from, with no short label (a menu's entry, a button, a price) among
# its first OPENING_LINES lines, its heading aside, is one document: an article or a page already
# cut out of its site, whose lists and cards are its own.
OPENING_LINES = 10

_LIST_MARKER = re.compile(r"[-–•*] ")  # how extracted text marks a list item


def framed(
    doc: Document,
    kept: list[int],
    shapes: list[Shape],
    start: int,
    body: int,
    removed: Iterable[tuple[int, tuple[str, str, str]]],
    out: Iterable[tuple[int, str, str]],
) -> bool:
    """Whether page furniture stands above the article: a page dump's header (a menu, a login link).

    Text that starts with its article (and its headline block) is an article
    already cut out of its page; what follows it is its own lists, not a footer.
    The header is what the layer or a rule removes above the body and above the
    first long paragraph (short lines under a paragraph are the article's list;
    a long <title> does not end like a sentence), and lines that end like a
    sentence ('New tasks for the game!') are no menu. Text that no rule took
    furniture from and that has sections of prose above the best run
    (sections_above), or that opens with no menu-like line (plain_head), is
    one document, never a page dump.
    ``start``: where the headline block starts in ``kept``, ``body``: where the body does;
    ``removed``: the whole-line removals so far as (line index, (layer, rule, category)),
    ``out``: the headline block's lines this layer removes.
    """
    top = next((p for p in range(body) if _long_sentence(doc.lines[kept[p]].stripped, shapes[p])), body)
    first = kept[top] + 1 if top < len(kept) else 1 << 62  # (line numbers count from 1)
    listed = _announced(doc, kept, top)
    mine = [i for i in [*kept[:start], *(o[0] for o in out)] if i < first - 1 and i not in listed]
    removed = list(removed)
    if cut_out(doc, kept, removed) or (
        not any(why[2] in FURNITURE for _, why in removed) and sections_above(doc, kept, shapes, start)
    ):
        return False
    above = sum(not ends_sentence(doc.lines[i].stripped) for i in mine)
    above += sum(1 for i, why in removed if i + 1 < first and why[2] in FURNITURE)
    return above >= HEADER_LINES


def _announced(doc: Document, kept: list[int], top: int) -> set[int]:
    """Lines above kept[top] that a lead-in line announces ('What's new in 2.26?', 'The dates are:'):
    the items of its list, each opening with a list marker ('- New tasks for the game!').
    A menu has no lead-in, and a page's <title> ending in '?' is followed by no marked items."""
    found: set[int] = set()
    lead = False
    for p in range(min(top, len(kept))):
        line = doc.lines[kept[p]].stripped
        if lead and _LIST_MARKER.match(line):
            found.add(kept[p])
            continue
        lead = line.endswith((":", "?"))
    return found


def _long_sentence(line: str, shape: Shape) -> bool:
    """A paragraph: long prose that ends like a sentence (a long <title> or caption does not)."""
    return shape.prose and shape.words >= LONG_PROSE_WORDS and ends_sentence(line)


def furniture_edge(
    last: int,
    removed: Iterable[tuple[int, tuple[str, str, str]]],
    barrier: int | None,
) -> int | None:
    """Where the page starts again under an article already cut out of its page: the first line
    below it that another layer removed as page furniture ('Related stories', 'Leave a comment'),
    or the comment section's start. Only what follows goes; its own lists and short lines are
    kept, wherever they stand. None: nothing marks one. ``last``: the article's last line (an
    index), ``removed``: the whole-line removals so far (see framed)."""
    marks = [i for i, why in removed if i > last and why[2] in FURNITURE]
    if barrier is not None:
        marks.append(barrier)
    return min(marks, default=None)


def sections_above(doc: Document, kept: list[int], shapes: list[Shape], start: int) -> bool:
    """Whether the lines above the best run are more of the same document, not a page's header.

    A manual or a long page of sections breaks its prose with code lines,
    lines wrapped at the source's width and short headings, so the heaviest
    run of prose is one section of many; a text that no rule took page
    furniture from and that has paragraphs above that run, in lines mostly of
    prose, is such a document (a shop's grid under a few blurbs is not: its
    lines are prices and buttons). Cutting there threw away whole manuals
    (WCXB dev, HTML output of documentation pages: F1 0.845 -> 0.874).
    """
    paragraphs = sum(_long_sentence(doc.lines[kept[p]].stripped, shapes[p]) for p in range(start))
    if paragraphs < SECTION_PARAGRAPHS:
        return False
    words = sum(shapes[p].words for p in range(start))
    prose = sum(shapes[p].words for p in range(start) if shapes[p].prose)
    return prose >= SECTION_PROSE_SHARE * words


def cut_out(doc: Document, kept: list[int], removed: Iterable[tuple[int, tuple[str, str, str]]]) -> bool:
    """Whether the text is one already cut out of its page: no rule took page furniture from it
    and it opens with no menu-like line (plain_head). ``removed``: as framed's."""
    return not any(why[2] in FURNITURE for _, why in removed) and plain_head(doc, kept)


def plain_head(doc: Document, kept: list[int]) -> bool:
    """Whether the text opens as a document, not as a page: no short label in its head.

    A page dump opens with its site's header: menu entries, a login link, a
    search box, a cart, each a line of a few words that ends no sentence. A text
    already cut out of its page (an extractor's output, which the HTML kind
    cleans once more as text) opens with its heading and its first paragraphs,
    list items or cards; under it the best run of prose may be one section or
    one card of many, and the cards, a shop's grid or a manual's code lines
    around it are the document's own. So the first OPENING_LINES lines but the
    first (a heading may be short) hold no line of MENU_WORDS words or fewer
    that ends no sentence. Words are counted between spaces, not as a
    Shape counts CJK text, so a Korean menu ('하버신문 주요뉴스') is short, and
    Chinese or Japanese text, whose lines have no spaces, reads as a page as
    before. (WCXB dev, HTML output: F1 0.8251 -> 0.8273, its
    precision 0.8791 -> 0.8787; the page dumps of both corpora, whose heads
    are menus, are cleaned as before.)
    A short line right over a paragraph, under no other short label, is the
    document's subheading ('Installation' over its first paragraph), not a
    menu's entry: a menu's entries stand together. (WCXB dev, HTML output:
    documentation F1 0.8994 -> 0.9085, product 0.6385 -> 0.6406, 9 pages
    change; the dumps of both corpora and ScrapingHub's HTML output as before.)
    """
    head = [doc.lines[i].stripped for i in kept[: OPENING_LINES + 1]]
    return not any(
        _label(head[p]) and not (p + 1 < len(head) and _paragraph(head[p + 1]) and (p == 1 or not _label(head[p - 1])))
        for p in range(1, min(OPENING_LINES, len(head)))
    )


def _label(line: str) -> bool:
    """A menu's entry, a button, a price, or a subheading: a few words that end no sentence."""
    return len(line.split()) <= MENU_WORDS and not ends_sentence(line)


def _paragraph(line: str) -> bool:
    return len(line.split()) >= LONG_PROSE_WORDS and ends_sentence(line)
