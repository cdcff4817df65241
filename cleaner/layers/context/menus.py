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
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from cleaner.layers.naming import DIGIT
from cleaner.text import ends_sentence, word_count

MENU_RUN = 6  # entries in a row, in the same order, that make a menu when printed twice
MENU_ENTRY_WORDS = 4  # words of a menu entry, at most


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
