"""Regions that are not the article though they read as prose: feeds, card lists, comment threads.

Teaser feeds and comment threads repeat a shape, card after card (title,
author, date, blurb; name, date, comment); an article does not. Over the
string of line symbols (lines.symbol: P prose, D dated, N other, R removed),
a stretch that repeats with a short period holding a date, three times or
more, is such a region (periodic_regions). Cards without a date repeat too
(a kicker in capitals and a title, or the same share buttons in every card),
told by finer symbols, four times or more, and only below some article
(feed_regions). Their lines weigh as removed lines (weigh.weigh_as_removed).

The comment section that the tail layer found (or that a heading with dated
lines under it marks, comment_section) ends the article's reach; below it,
prose is what readers wrote and the short dated lines between two comments
are their names and dates (comment_headers).
"""

from __future__ import annotations

import functools
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate

from cleaner.layers.context.lines import Shape
from cleaner.layers.context.weigh import MIN_ARTICLE_WEIGHT
from cleaner.layers.naming import dated
from cleaner.model import Document
from cleaner.text import ends_sentence

FEED_REPEATS = 4  # cards without a date: how many repeats make a feed
FEED_PERIOD = 7  # lines in one card, at most
FEED_SAME = 3  # a line repeated word for word this often is a card's fixed part
COMMENT_HEADER = 3  # lines of a commenter's name and date between two comments, at most
COMMENT_HEADER_WORDS = 6  # words in one of them, at most ('Nick A', '2 days ago at 07:47 am')
COMMENT_GAP = 12  # input lines between two comment-section lines that belong together (as the tail layer)


def repeated_regions(
    sh: Sequence[Shape | None], texts: Sequence[str], content: Sequence[int], related: bytearray
) -> list[tuple[int, int]]:
    """Stretches [lo, hi) of content positions that repeat a card's or a comment's shape.

    ``sh``: each content line's shape (None: removed), ``texts`` its text, ``content``
    its line index, ``related``: the lines another layer removed as related, by line index.
    """
    # Teaser feeds and comment threads repeat a shape (title, author, date,
    # blurb); an article does not. Their prose is not article prose.
    signature = "".join(["R" if s is None else s.symbol for s in sh])
    regions = periodic_regions(signature)
    # Cards without dates (kicker, title, source, blurb; a blurb and its share buttons)
    # repeat too, but tell apart from an article's subheadings only by finer shapes,
    # and only once an article stands above them.
    seen = Counter([t for s, t in zip(sh, texts, strict=True) if s is not None and s.several])
    repeated = {t for t, k in seen.items() if k >= FEED_SAME}
    made: dict[str, str] = {}  # one '=' symbol per repeated text, not one per line
    fine = [
        "R"
        if s is None
        else ((made.get(t) or made.setdefault(t, "=" + t)) if s.symbol == "N" and t in repeated else s.fine)
        for s, t in zip(sh, texts, strict=True)
    ]
    cum = array("d", accumulate(0.0 if s is None else s.gain for s in sh))
    # Cards known only by their repeated buttons must sit under a heading that another
    # layer removed as related ('You may also like'): a shopping list repeats 'See it now'.
    for lo, hi, buttons in feed_regions(fine):
        if lo == 0 or cum[lo - 1] < MIN_ARTICLE_WEIGHT:
            continue
        if buttons and not any(related[i] for i in content[max(0, lo - 3) : lo]):
            continue
        regions.append((lo, hi))
    return regions


def comment_limit(content: Sequence[int], sh: Sequence[Shape | None], comments_start: int | None) -> int:
    """Where the article's reach ends (a position in ``content``): the comment section's start, once
    the prose above it holds an article (comment lines before any article are a counter under the title)."""
    limit = len(content)
    if isinstance(comments_start, int):
        cut = next((p for p, i in enumerate(content) if i >= comments_start), len(content))
        before = sum([s.gain for s in sh[:cut] if s is not None and s.prose])
        if before >= 2 * MIN_ARTICLE_WEIGHT:
            limit = cut  # (comment lines before any article are a counter under the title)
    return limit


def periodic_regions(sig: str, min_repeats: int = 3) -> list[tuple[int, int]]:
    """Stretches where the shape sequence repeats with a short period that holds a date.

    A feed item (title, author, date, blurb) or a comment (name, date, text)
    repeated three times or more; periods made only of prose and one kind of
    short line (subheading, paragraph, paragraph) are how articles look, and are
    left alone. One pass per period: runs where sig[i] == sig[i + period].
    """
    found: list[tuple[int, int]] = []
    for period, i, end in _repeats(sig, range(2, 7), min_repeats):
        unit = sig[i : i + period]
        if end - i >= period * min_repeats and "D" in unit and len(set(unit) - {"P"}) >= 2:
            found.append((i, end))
    return found


def _repeats(sig: Sequence[str], periods: Iterable[int], times: int = 1) -> Iterator[tuple[int, int, int]]:
    """(period, start, end) of each maximal stretch where sig[k] == sig[k + period]: sig[start:end] repeats.

    Only stretches of ``times`` periods or more. With the symbols as one byte
    each, two shifted copies XORed as integers are zero where they agree, and
    one regex scan finds the runs: no Python loop over positions per period.
    """
    codes = _as_bytes(sig)
    n = len(sig)
    for period in periods:
        if n <= period:
            continue
        width = n - period
        if codes is not None:
            diff = int.from_bytes(codes[:width], "big") ^ int.from_bytes(codes[period:], "big")
            same = diff.to_bytes(width, "big").translate(_ZERO_IS_ONE)
        else:
            same = bytes([a == b for a, b in zip(sig, sig[period:], strict=False)]).translate(_ONE_IS_ONE)
        for m in _run_of(max(1, period * (times - 1))).finditer(same):
            yield period, m.start(), m.end() + period


_ZERO_IS_ONE = bytes([ord("1")] + [ord("0")] * 255)  # byte 0 (the symbols agree) -> "1"
_ONE_IS_ONE = bytes([ord("0"), ord("1")] + [ord("0")] * 254)


def _as_bytes(sig: Sequence[str]) -> bytes | None:
    """One byte per symbol, equal bytes for equal symbols (None: more than 256 kinds)."""
    if isinstance(sig, str) and sig.isascii():
        return sig.encode("ascii")
    codes: dict[str, int] = {}
    out = [codes.setdefault(sym, len(codes)) for sym in sig]
    return bytes(out) if len(codes) <= 256 else None


@functools.lru_cache(maxsize=64)
def _run_of(length: int) -> re.Pattern[bytes]:
    """A regex for a run of ``length`` ones or more."""
    return re.compile(f"1{{{length},}}".encode())


def feed_regions(sig: list[str]) -> list[tuple[int, int, bool]]:
    """Stretches that repeat a card without a date, FEED_REPEATS times or more.

    A card has at most one prose line (its blurb) and either two kinds of short
    line (a kicker in capitals and a title) or a line repeated word for word
    (its share buttons); an article's subheading, paragraph, paragraph has neither.
    Each stretch comes with whether only the repeated line makes it a feed.
    """
    found: list[tuple[int, int, bool]] = []
    for period, i, end in _repeats(sig, range(2, FEED_PERIOD + 1), FEED_REPEATS):
        if "P" not in sig[i : i + period]:
            continue  # (a card holds one prose line: most stretches are removed lines repeating)
        unit = [sym[0] for sym in sig[i : i + period]]
        kinds = set(unit) & set("KN")
        if end - i >= period * FEED_REPEATS and unit.count("P") == 1 and ("=" in unit or len(kinds) >= 2):
            buttons = len(kinds) < 2
            # A card opens with its short lines: a paragraph in front is the article's last.
            start = i if buttons else i + unit.index(next(u for u in unit if u != "P"))
            found.append((start, end, buttons))
    return found


def comment_section(doc: Document) -> int | None:
    """Where the comment section starts, when the tail layer found its heading but not a second line.

    A heading such as '10 thoughts on "..."' starts the comment section; the
    readers' comments under it are stamped with dates ('August 8, 2018 at
    3:17 pm'). The heading and two dated lines close below it mark the
    section; a 'Comments' button in a share bar over a byline and a video
    caption does not.
    """
    heads = sorted(
        i
        for i, (layer, rule, category) in doc.removals.whole()
        if layer == "tail" and category == "comments" and not rule.endswith(".footer")
    )
    for head in heads:
        near = [ln.stripped for ln in doc.lines[head + 1 : head + 1 + COMMENT_GAP] if not ln.blank]
        if sum(dated(t, len(t.split())) for t in near) >= 2:
            return head
    return None


def comment_headers(doc: Document, shape_of: list[Shape | None], barrier: int) -> set[int]:
    """Short lines between two comments of the thread below ``barrier``: a commenter's name and date.

    Only a run of at most COMMENT_HEADER short lines that no rule names and that
    end no sentence, one of them a date, with comment lines right above and
    below it: the page footer under the last comment is not the thread's.
    """
    noted = {i for i, (_, _, category) in doc.removals.whole() if category == "comments"}  # line indexes
    found: set[int] = set()
    run: list[int] = []
    above = False  # the line above the current run is a comment
    for i in range(barrier, len(doc.lines)):
        ln = doc.lines[i]
        if ln.blank:
            continue
        shape = shape_of[i]
        hits = doc.hits(i) if shape is not None else ()
        comment = (
            (ln.removed and i in noted)
            or (shape is not None and shape.prose)
            or any(h.category == "comments" for h in hits)
        )
        if comment:
            if above and 0 < len(run) <= COMMENT_HEADER and any(shape_of[k].dated for k in run):
                found.update(run)
            above, run = True, []
        elif shape is not None and not hits and shape.words <= COMMENT_HEADER_WORDS and not ends_sentence(ln.stripped):
            run.append(i)
        else:
            above, run = False, []
    return found
