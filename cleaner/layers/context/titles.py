"""Title anchors: where the page repeats its <title> as the article's headline.

A whole-page dump opens with the page's <title> ('Headline | Site name'); the
article's headline repeats its longest part lower down, and the article
follows right under it. Those repeats are the anchors: the run of the article
is pulled to start under one (run.py), the headline block is looked for
around it (headline.py), and a text that opens so is a page dump, not an
article already cut out of its page (frame.py). A menu entry may repeat the
title too, above the real headline, so up to MAX_ANCHORS repeats are tried.
Once the chain has settled, the first line is named as the page's title when
a kept line near the top repeats it, or as a breadcrumb when it ends with one.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence

from cleaner.layers.context.lines import TEASER_WORDS, Shape, content_words
from cleaner.model import Document

HEADLINE_LINES = 10  # how far above the article a headline block may reach
TITLE_MATCH = 0.7  # share of a line's content words that must come from the page title
MAX_ANCHORS = 4  # repeats of the <title> tried as the headline
TITLE_REACH = 20  # kept lines from the top in which the headline repeats the <title>
CRUMB_TITLE_WORDS = 4  # a title a breadcrumb ends with: at least this many words ('What's on CTV News Channel')
CRUMB_WORDS = 6  # the steps of a breadcrumb before the title it ends with: at most this many words

TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:·•»]+\s+")
HEADLINE_DATED = 2  # byline and date lines that may stand between a cleaned article's headline and its prose
CONTENTS_LINES = 3  # opening lines that come back below, in order, each over its own section: contents


def headline_words(parts: list[str], stopwords: frozenset[str], known: dict[str, set[str]]) -> set[str]:
    """The content words of a <title> split at TITLE_SEPARATOR: those of its longest part, the headline."""
    return max((content_words(part, stopwords, known) for part in parts), key=len)


def title_anchors(
    doc: Document,
    content: Sequence[int],
    shape_of: list[Shape | None],
    stopwords: frozenset[str],
    known: dict[str, set[str]],
) -> list[int]:
    """Where the page repeats its <title> as the headline (positions in ``content``, first first).

    A whole-page dump starts with the page's <title>; the article's headline
    repeats it (minus the site name) lower down, and the article follows.
    A menu entry may repeat it too, above the headline.
    """
    found: list[int] = []
    if len(content) < 3 or (head := shape_of[content[0]]) is None or head.prose:
        return found
    if opens_with_contents(doc, content, shape_of):
        return found
    # The <title> is "Headline | Site name": the headline is its longest part.
    first = doc.lines[content[0]].stripped
    parts = TITLE_SEPARATOR.split(first)
    if len(parts) == 1 and _prose_under(content, shape_of):
        # A first line that names no site, with prose right under it (no menu, no skip
        # link, no cookie notice either; its byline and date may stand between), is the
        # article's own headline: an article already cleaned. Its repeat lower down (a
        # video's title) starts nothing.
        return found
    title = headline_words(parts, stopwords, known)
    if len(title) < 2:
        return found
    # A match misses at most 30% of the title's words, so it holds one of these (a cheap first test).
    keys = sorted(title, key=len, reverse=True)[: int(len(title) * (1 - TITLE_MATCH)) + 1]
    holds_key = re.compile("|".join(map(re.escape, keys))).search
    lines = doc.lines
    for p in range(1, len(content) - 1):
        shape = shape_of[content[p]]
        if shape is None or shape.prose or shape.words > 30:
            continue
        line = lines[content[p]].stripped
        if holds_key(line.lower()) is None:
            continue
        if line.endswith(".") and not first.endswith("."):
            continue  # a sentence that names the title ('See systemd/Sandboxing.'), not its headline
        mine = content_words(line, stopwords, known)
        shared = len(mine & title)
        if shared >= 2 and shared >= TITLE_MATCH * max(len(mine), len(title)):
            found.append(p)
            if len(found) >= MAX_ANCHORS:
                break
    return found


def _prose_under(content: Sequence[int], shape_of: list[Shape | None]) -> bool:
    """Whether prose follows the first line, past at most HEADLINE_DATED byline and date lines."""
    for p in range(1, min(len(content), HEADLINE_DATED + 2)):
        shape = shape_of[content[p]]
        if shape is None:
            return False
        if shape.prose:
            return True
        if not shape.dated:
            return False
    return False


def opens_with_contents(doc: Document, content: Sequence[int], shape_of: list[Shape | None]) -> bool:
    """Whether the text opens with its own table of contents, not a page's <title> and menu.

    Its first CONTENTS_LINES lines come back below word for word, in order, and
    prose stands between one copy and the next: each heads a section of the text.
    (A menu that a footer repeats comes back as one block, with no prose between.)
    A cleaned article that kept its contents opens so, and its first line is not
    the page's <title>, however a section's heading repeats it.
    """
    if len(content) <= 2 * CONTENTS_LINES:
        return False
    lines = doc.lines
    heads = [_heading(lines[content[p]].stripped) for p in range(CONTENTS_LINES)]
    if any(shape_of[content[p]] is None or shape_of[content[p]].prose for p in range(CONTENTS_LINES)):
        return False
    want, prose_since = 0, True
    for p in range(CONTENTS_LINES, len(content)):
        shape = shape_of[content[p]]
        if shape is None:
            continue
        line = lines[content[p]].stripped
        # (startswith first: this reads every line of a page dump each round, and a heading's
        # copy starts with it, so only a line that does is stripped of a permalink sign)
        if line.startswith(heads[want]) and _heading(line) == heads[want]:
            if not prose_since:
                return False
            want += 1
            if want == CONTENTS_LINES:
                return True
            prose_since = False
        elif shape.prose:
            prose_since = True
    return False


def _heading(line: str) -> str:
    """A heading without the permalink sign a manual or a blog prints after it ('Usage#', 'Usage ¶')."""
    return line.rstrip("#¶ ")


def opens_with_title(
    doc: Document,
    content: Sequence[int],
    shape_of: list[Shape | None],
    anchors: list[int],
    stopwords: frozenset[str],
    known: dict[str, set[str]],
) -> bool:
    """Whether the text opens with the page's <title>: a headline repeats it below (a page dump)."""
    if anchors:
        return True
    if len(content) < 3 or (head := shape_of[content[0]]) is None or head.prose:
        return False
    if opens_with_contents(doc, content, shape_of):
        return False
    parts = TITLE_SEPARATOR.split(doc.lines[content[0]].stripped)
    title = headline_words(parts, stopwords, known)
    return len(title) >= 2 and any(
        shape_of[content[p]] is not None and title <= content_words(doc.lines[content[p]].stripped, stopwords, known)
        for p in range(1, min(len(content), 2 * HEADLINE_LINES))
    )


def repeats_title(
    doc: Document, title_line: int, line: int, stopwords: frozenset[str], known: dict[str, set[str]]
) -> bool:
    """Whether a line holds every content word of the <title>'s headline part."""
    parts = TITLE_SEPARATOR.split(doc.lines[title_line].stripped)
    title = headline_words(parts, stopwords, known)
    return title <= content_words(doc.lines[line].stripped, stopwords, known)


def page_title_line(
    doc: Document, content: Sequence[int], shape_of: list[Shape | None], anchors: list[int]
) -> int | None:
    """The first line (a line index) when it is the page's <title> that a headline below repeats.

    A page dump's first line, the <title>, is no headline when a headline below repeats
    it: past other lines, or with more to it ('<headline> – TechCrunch'). A headline
    printed twice in a row is not told from its copy, and a label ('AUTO NEWS' over
    each teaser) is no <title>: a second clean of the output keeps them as the first did.
    """
    if (
        anchors
        and shape_of[content[0]].words >= TEASER_WORDS
        and (anchors[0] > 1 or doc.lines[content[0]].stripped != doc.lines[content[anchors[0]]].stripped)
    ):
        return content[0]
    return None


def page_title(doc: Document, first: int, stopwords: frozenset[str], known: dict[str, set[str]]) -> bool:
    """Line ``first``, removed, is the text's first line and the page's <title>: the words of
    its longest part ('<headline> | <site>') are all in a kept line near the top."""
    if any(not ln.blank for ln in doc.lines[:first]):
        return False
    line = doc.lines[first].stripped
    title = headline_words(TITLE_SEPARATOR.split(line), stopwords, known)
    top = [doc.lines[i].stripped for i in itertools.islice((i for i in doc.kept() if i > first), TITLE_REACH)]
    # ('The Space Review: <headline>' has no spaced separator: it ends with the headline.)
    return (len(title) >= 2 and any(title <= content_words(t, stopwords, known) for t in top)) or ends_with_other(
        line, top
    )


def crumbs_of_title(doc: Document, kept: list[int], i: int) -> bool:
    """Line ``i`` is a few words and then, word for word, a kept line of CRUMB_TITLE_WORDS words or
    more that follows within HEADLINE_LINES lines: a breadcrumb whose last step is the page's title."""
    line = doc.lines[i].stripped
    pos = bisect.bisect_right(kept, i)
    for k in kept[pos : pos + 2]:
        if k - i > HEADLINE_LINES:
            break
        title = doc.lines[k].stripped
        if len(title.split()) >= CRUMB_TITLE_WORDS and len(line) > len(title) and line.endswith(title):
            return len(line[: -len(title)].split()) <= CRUMB_WORDS
    return False


def ends_with_other(line: str, others: list[str]) -> bool:
    """A breadcrumb repeats the title at its end: 'Home Holidays <title>'."""
    return any(len(line) > len(o) and line.endswith(o) for o in others if len(o.split()) >= 3)
