"""A menu printed twice: the same run of entries in two places of a page with no article.

A page dump prints its site menu more than once (the desktop menu and the
mobile one, the header's and the footer's, a menu and the same entries
expanded under <noscript>). When the layer finds an article, such menus go
with the rest of the page around it; a listing, a catalogue or a hub page has
no article run, and everything used to stay, menus included. What marks a
menu there without any article to measure against: the same MENU_RUN entries,
in the same order, printed exactly twice.

An entry is a short line (MENU_ENTRY_WORDS words or fewer) that ends no
sentence and holds no digit: a price, a date, a count or a size is a card's,
and cards of one listing repeat those by the dozen. Three things read as a
menu that is not one, and are left alone: a run that repeats an entry (a row
of rating stars), a run in alphabetical order (the colours of each product in
a catalogue, countries, brands: a list of options, printed once a card), and
a run printed three times or more (what each card of a listing shows).

A menu printed once stands at the page's edges: its header above the first
sentence, its footer below the last. In a page dump (text that opens with its
<title>, 'Section | Site') a run of EDGE_MENU_RUN entries or more there, not in
alphabetical order, goes too; between two sentences such a run is the page's
own (a product's options, a listing's tags), and an extractor's output, which
opens with its content, has no site menus left at its edges. On WCXB dev (text
mode; F1 / precision): none 0.7817 / 0.8196; EDGE_MENU_RUN 8 0.7832 / 0.8212,
every page type up or level (collection 0.556 -> 0.563, documentation 0.851 ->
0.855, listing 0.553 -> 0.557), ScrapingHub and every HTML figure level. Run
over any text, the HTML kind's last pass took a table's header cells and a
marked list from listings (HTML listing F1 0.6106 -> 0.6100); 5 or 6 entries
and 12 measured within 0.0005 of 8; a run anywhere on the page took a
catalogue's colours; leaving out runs that repeat an entry lost most of the
gain. The pages that lose are category pages whose truth keeps the shop's
category menu.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from cleaner.layers.context.lines import MIN_PROSE_WORDS
from cleaner.layers.context.titles import TITLE_SEPARATOR
from cleaner.layers.naming import DIGIT
from cleaner.text import ends_sentence, word_count

MENU_RUN = 6  # entries in a row, in the same order, that make a menu when printed twice
MENU_ENTRY_WORDS = 4  # words of a menu entry, at most
EDGE_MENU_RUN = 8  # entries in a row above the page's first sentence or below its last: a menu


def menus_printed_twice(texts: Sequence[str]) -> list[int]:
    """Positions in ``texts`` (a page's kept lines, in order) of both copies of each menu printed twice."""
    entry = [_entry(t) for t in texts]
    keys = [t.casefold() for t in texts]
    ends: dict[tuple[str, ...], list[int]] = {}
    run = 0
    for p, is_entry in enumerate(entry):
        run = run + 1 if is_entry else 0
        if run >= MENU_RUN:
            window = tuple(keys[p - MENU_RUN + 1 : p + 1])
            if len(set(window)) == MENU_RUN and not _alphabetical(window):
                ends.setdefault(window, []).append(p)
    marked: set[int] = set()
    for where in ends.values():
        # Two copies that do not overlap ('A B A B A B ...' is one run, not two copies).
        if len(where) == 2 and where[1] - where[0] >= MENU_RUN:
            for p in where:
                marked.update(range(p - MENU_RUN + 1, p + 1))
    return sorted(marked)


def _entry(text: str) -> bool:
    return 0 < word_count(text) <= MENU_ENTRY_WORDS and not ends_sentence(text) and DIGIT.search(text) is None


def _alphabetical(window: tuple[str, ...]) -> bool:
    """In order but for one break at most: a list of options sorted by name, or two of them
    meeting (a menu's entries fall in order by chance once in twelve windows)."""
    return sum(a > b for a, b in pairwise(window)) <= 1


def edge_menus(texts: Sequence[str]) -> list[int]:
    """Positions in ``texts`` (a page's kept lines, in order) of the menus above its first
    sentence and below its last: EDGE_MENU_RUN entries or more in a row, not in alphabetical
    order (a catalogue's colours or brands, printed once a card)."""
    parts = TITLE_SEPARATOR.split(texts[0], maxsplit=1) if texts else []
    if len(parts) < 2:
        return []  # no <title> ('Section | Site') opens the text: no page dump, no site menus
    # The first line, the page's <title>, is no menu's entry; nor is the page's own heading,
    # which repeats the title's first part ('Technology | Example News'): they stand among
    # the menu's lines, but are the page's, and neither count nor part a run.
    heading = parts[0].casefold()
    sentences = [p for p, t in enumerate(texts) if word_count(t) >= MIN_PROSE_WORDS and ends_sentence(t)]
    first, last = (sentences[0], sentences[-1]) if sentences else (len(texts), len(texts))
    found: list[int] = []
    run: list[int] = []
    for p in [*range(1, first), -1, *range(last + 1, len(texts)), -1]:  # (-1: the edge ends a run)
        if p > 0 and texts[p].casefold() == heading:
            continue
        if p > 0 and _entry(texts[p]):
            run.append(p)
            continue
        if len(run) >= EDGE_MENU_RUN and not _alphabetical(tuple(texts[k].casefold() for k in run)):
            found.extend(run)
        run = []
    return found
