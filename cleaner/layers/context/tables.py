"""Tables dumped one cell per line: standings, results, statistics inside the article.

Each cell alone ('1', 'Kyle Busch', '5040') reads as a menu entry and would
weigh against the article; a table repeats its row's shape like a feed, too.
Two readers, each for one kind of evidence:

- weigh_tables: a table right after a lead-in sentence ending in ':' ('The
  standings after the race:'), whose rows repeat a fixed period of 3 to 12
  cells with two numbers or more each. Its cells weigh for the article.
- neutral_tables: many number cells close together anywhere (a menu's entries
  are words, a feed's are titles and dates). Without a lead-in nothing shows
  that the table continues the article, so its cells weigh nothing either
  way: the paragraphs around it stay one run.

The two read a number cell with two patterns, kept apart on purpose: NUMBER
(weigh_tables, and the counter under a headline in headline.py) also takes
'(142)', '1/2' and '10/14/2025'; _NUMBER_CELL (neutral_tables) also takes
'–3' and a bare '%'. Their union in both places changed two WCXB product
pages (4015, 4818): neutral_tables read review dates and counts as a
table's numbers and kept a review list and product cards as the article.
One detector for both would mix their evidence the same way.
"""

from __future__ import annotations

import re
from collections.abc import MutableSequence, Sequence

from cleaner.layers.context.lines import MENU_WORDS, Shape
from cleaner.model import Document

TABLE_ROWS = 5  # a table with one cell per line: at least this many rows after its lead-in line
TABLE_COLUMNS = (3, 12)  # cells in one row, fewest and most
TABLE_CELL_WORDS = 4  # words in one cell, at most
TABLE_CELL_WEIGHT = 1.0  # what each cell weighs for the article
# A table without a lead-in (neutral_tables): number cells close together, and its header row.
TABLE_GAP = 6  # lines at most between two number cells of one table
TABLE_NUMBERS = 6  # number cells that make a table
TABLE_HEADER = 12  # cells over a table's first number that may be its header row
TABLE_HEADER_WORDS = 3  # words in one header cell, at most

NUMBER = re.compile(r"[-+(]?\d[\d.,:%'’/)]*")


def weigh_tables(
    doc: Document, content: list[int], shape_of: list[Shape | None], weights: list[float], lo: int, hi: int
) -> None:
    """A table dumped one cell per line after a lead-in sentence weighs for the article.

    Standings or results ('1', 'Kyle Busch', '5040', '5', ...) repeat a row of
    names and numbers with a fixed period; each cell alone reads as a menu entry.
    The table must follow a sentence that ends in ':' (a menu has no lead-in),
    and its rows must hold at least two numbers each (a menu's columns of links do not).
    One pass over the run content[lo:hi] per lead-in line. A table without a lead-in
    is only kept from weighing against the article: neutral_tables, below.
    """
    lines = [doc.lines[content[p]].stripped for p in range(lo, hi)]
    if not any(t[-1] == ":" for t in lines):
        return  # no lead-in line
    cells = ["n" if NUMBER.fullmatch(t) else ("w" if len(t.split()) <= TABLE_CELL_WORDS else "x") for t in lines]
    p = 0
    while p < len(lines):
        lead = lines[p]
        if not (lead.endswith(":") and len(lead.split()) > MENU_WORDS):
            p += 1
            continue
        best = (0, 0)  # end of the table (exclusive), rows
        for k in range(TABLE_COLUMNS[0], TABLE_COLUMNS[1] + 1):
            # A header row of k labels may stand between the lead-in and the rows.
            for start in (p + 1, p + 1 + k):
                row = cells[start : start + k]
                if len(row) < k or row.count("n") < 2 or "x" in row:
                    continue
                if start > p + 1 and cells[p + 1 : start] != ["w"] * k:
                    continue
                end = start + k
                while end < len(cells) and cells[end] == cells[end - k]:
                    end += 1
                rows = (end - start) // k
                if rows >= TABLE_ROWS and rows > best[1]:
                    best = (start + rows * k, rows)
        if best[1]:
            for q in range(p + 1, best[0]):
                weights[lo + q] = TABLE_CELL_WEIGHT
            p = best[0]
        else:
            p += 1


_NUMBER_CELL = re.compile(r"[+\-–]?\d[\d.,:]*%?|%")  # a table cell of data: '74', '100%', '2.5', '3:45'


def neutral_tables(sh: Sequence[Shape | None], texts: Sequence[str], weights: MutableSequence[float]) -> None:
    """A table of data inside the article weighs nothing, for or against it (one after a
    lead-in line weighs for it: weigh_tables).

    Dumped as text, a table is a column of short cells ('Pos', 'Player', 'DL',
    'Larry Ogunjobi', '63', '85%') that reads like a menu and repeats its row's
    shape like a feed, so it weighed against the article and split it: the
    paragraphs between two tables went with the page. Many cells of numbers
    close together tell a table from a menu (a menu's entries are words) and
    from a feed (a feed's are titles and dates). The cells above the first
    number (the header row) belong to it too. Weight 0 neither starts nor
    ends a run, so a table at the article's edge does not join it either.
    """
    numbers = [p for p, (s, t) in enumerate(zip(sh, texts, strict=True)) if s is not None and _NUMBER_CELL.fullmatch(t)]
    k = 0
    while k < len(numbers):
        j = k
        while j + 1 < len(numbers) and numbers[j + 1] - numbers[j] <= TABLE_GAP:
            j += 1
        if j - k + 1 >= TABLE_NUMBERS:
            lo, hi = numbers[k], numbers[j]
            while lo > 0 and numbers[k] - lo < TABLE_HEADER and _cell(sh[lo - 1]):
                lo -= 1
            for p in range(lo, hi + 1):
                s = sh[p]
                if s is not None:
                    weights[p] = max(s.weight, 0.0)
        k = j + 1


def _cell(shape: Shape | None) -> bool:
    """A kept line that may be a cell of a table's header row: not prose, a few words."""
    return shape is not None and not shape.prose and shape.words <= TABLE_HEADER_WORDS
