"""Lists that continue the article: a meal plan, a race calendar, a schedule, a listicle's products.

Such a list is the article, in short lines that would each weigh against it.
Its items open alike ('3a etapa:', 'Portion Fix Containers:') or end alike
('(Group A): 10th appearance'), or are numbered 1, 2, 3, ... in turn; a teaser
list's items do not, and a menu's are shorter. The list must continue the
article: a lead-in sentence ending in ':' right above it, the article's prose
just before a long list, or the page's headline just above. Then each item
weighs LIST_PER_WORD a word for the article. Tables found in the same runs of
kept lines are weighed by tables.py.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from cleaner.layers.context.lines import MENU_WORDS, NOT_PROSE, Shape
from cleaner.layers.context.tables import weigh_tables
from cleaner.layers.context.titles import HEADLINE_LINES
from cleaner.model import Document
from cleaner.text import ends_sentence

LIST_ITEMS = 5  # a list continuing the article: at least this many items of four words or more,
LIST_SHARE = 0.5  # this share of the lines there opening like two others or more ('3a etapa:', 'Portion Fix')
LONG_LIST = 12  # items of a list that may follow prose without a lead-in line ending in ':'
LIST_PER_WORD = 0.5  # what each word of such an item weighs for the article
LIST_GAP = 4  # content lines from one item to the next, at most
LIST_PROSE_SHARE = 4  # prose lines among the items: at most one per this many items

ANNOUNCED_ITEMS = 40  # lines of a list under an announcing heading ('Ingredients'), at most
PHRASE_WORDS = 6  # words of an item of such a list of phrases without a number, at most

_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_ITEM_NUMBER = re.compile(r"(\d{1,3})[.)] ")  # a numbered list item's number: '1) ', '12. '


def weigh_lists(
    doc: Document,
    content: list[int],
    shape_of: list[Shape | None],
    weights: list[float],
    anchors: list[int],
    stopwords: frozenset[str],
    headings: frozenset[str] = frozenset(),
) -> None:
    """List items that continue the article weigh for it, as its prose does.

    A meal plan, a race calendar or a schedule is the article, in short
    lines that would each weigh against it. Such a list repeats how its
    items open ('3a etapa:', 'Portion Fix Containers:', 'Eat every'); a
    teaser list does not ('1. Trump ...', '2. Storm ...'), and a menu's
    items are shorter. The list must continue the article: prose in the
    same run of kept lines before it, or the page's headline just above.
    One pass over runs of kept lines.
    """
    n = len(content)
    p = 0
    while p < n:
        if shape_of[content[p]] is None:
            p += 1
            continue
        q = p
        while q < n and shape_of[content[q]] is not None:
            q += 1
        _weigh_list_run(doc, content, shape_of, weights, anchors, stopwords, p, q)
        if headings:
            _weigh_announced(doc, content, shape_of, weights, headings, stopwords, p, q)
        weigh_tables(doc, content, shape_of, weights, p, q)
        p = q


def _weigh_list_run(
    doc: Document,
    content: list[int],
    shape_of: list[Shape | None],
    weights: list[float],
    anchors: list[int],
    stopwords: frozenset[str],
    lo: int,
    hi: int,
) -> None:
    """Weigh one run of kept lines content[lo:hi] (see weigh_lists)."""
    # Shorter lines (subheadings, 'READ MORE', a kicker over each teaser) neither count nor weigh.
    items = [p for p in range(lo, hi) if not shape_of[content[p]].prose and shape_of[content[p]].words > MENU_WORDS]
    if len(items) < LIST_ITEMS:
        return
    # Items open alike ('3a etapa:') or end alike ('(Group A): 10th appearance'): three share a key.
    texts = [doc.lines[content[p]].stripped for p in items]
    keys = [(_lead_key(t), _end_key(t)) for t in texts]
    counts = Counter(k for pair in keys for k in pair)
    listed = [
        p
        for p, (lead, end) in zip(items, keys, strict=True)
        if (counts[lead] >= 3 and lead not in stopwords) or (end and counts[end] >= 3 and end[1:] not in stopwords)
    ]
    # The list: listed items close together (a subheading or a note may sit between two).
    group: list[int] = []
    for p in [*listed, hi + LIST_GAP + 1]:
        if group and p - group[-1] > LIST_GAP:
            _weigh_list(doc, content, shape_of, weights, anchors, lo, group)
            group = []
        group.append(p)
    # Items numbered 1, 2, 3, ... in turn open alike too, though their words differ: a
    # listicle's products under 'Here are the deals:'. Such a list needs its lead-in sentence.
    numbered = [p for p in range(lo, hi) if not shape_of[content[p]].prose]  # short ones too: '15) Thriller'
    for group in _numbered_runs(doc, content, numbered):
        _weigh_list(doc, content, shape_of, weights, anchors, lo, group, lead_only=True)


def _weigh_list(
    doc: Document,
    content: list[int],
    shape_of: list[Shape | None],
    weights: list[float],
    anchors: list[int],
    lo: int,
    listed: list[int],
    *,
    lead_only: bool = False,
) -> None:
    """Weigh the items of one list when it continues the article (see weigh_lists).

    ``lead_only``: only a lead-in sentence ending in ':' shows that the list continues the article.
    """
    first, last = listed[0], listed[-1]
    span = [shape_of[content[p]] for p in range(first, last + 1)]
    if len(listed) < LIST_ITEMS or len(listed) < LIST_SHARE * sum(not s.prose and s.words > MENU_WORDS for s in span):
        return
    # A teaser feed puts a blurb under each item; a list is not broken up by prose.
    if LIST_PROSE_SHARE * sum(s.prose for s in span) > len(listed):
        return
    # The list continues the article: a sentence leads into it ('The dates are:'), or
    # it starts in the headline block, under the page's headline. A label ('Most read:')
    # is no lead-in, and a few teasers after the last paragraph are no list.
    # A long list may follow the article's prose directly (a meal plan under its introduction).
    lead = doc.lines[content[first - 1]].stripped if first > lo else ""
    lead_in = lead.endswith(":") and len(lead.split()) > MENU_WORDS
    if lead_only:
        if not lead_in:
            return
    elif len(listed) >= LONG_LIST:
        lead_in = lead_in or any(shape_of[content[p]].prose for p in range(max(lo, first - LIST_GAP), first))
    if not lead_in and not any(
        a <= first <= a + HEADLINE_LINES and not any((shape_of[content[p]] or NOT_PROSE).prose for p in range(a, first))
        for a in anchors
    ):
        return
    # Dated items weigh only in a long list (a tour's dates, a schedule): a few stamped
    # lines are teasers or comments.
    long_list = len(listed) >= LONG_LIST
    for p in listed:
        if long_list or not shape_of[content[p]].dated:
            weights[p] = LIST_PER_WORD * shape_of[content[p]].words


def _weigh_announced(
    doc: Document,
    content: list[int],
    shape_of: list[Shape | None],
    weights: list[float],
    headings: frozenset[str],
    stopwords: frozenset[str],
    lo: int,
    hi: int,
) -> None:
    """Lists and steps under a heading of the article that announces them ('Ingredients', 'Instructions').

    A recipe's ingredients and a how-to's steps are short lines that would each
    weigh against the article; the heading says they are its own. It is the
    article's when prose comes a few lines before it in the same run of kept
    lines, or another announced list does. Its items are alike: sentences
    (steps) while lines end as sentences, or short phrases (ingredients) while
    lines hold a number or a few words not in Title Case. They end there, at
    the next announcing heading, or after ANNOUNCED_ITEMS lines, and weigh for
    the article as a list's items do. The headings are data, per language
    (``list_headings`` in the rules files).
    """
    last = None  # where the previous announced list ended
    p = lo
    while p < hi:
        if _heading_key(doc.lines[content[p]].stripped) not in headings or not (
            (last is not None and p - last <= LIST_GAP)
            or any(shape_of[content[k]].prose for k in range(max(lo, p - LIST_GAP), p))
        ):
            p += 1
            continue
        end, sentences = p + 1, None
        while end < min(hi, p + 1 + ANNOUNCED_ITEMS):
            line = doc.lines[content[end]].stripped
            if _heading_key(line) in headings:
                break
            sentence = ends_sentence(line)
            if sentences is None:
                sentences = sentence
            if not (sentence if sentences else _phrase_item(line, stopwords)):
                break
            end += 1
        for k in range(p, end):
            weights[k] = max(weights[k], LIST_PER_WORD * max(shape_of[content[k]].words, 2))
        last, p = end - 1, end


def _heading_key(line: str) -> str:
    """A heading as the ``list_headings`` hold it: lower case, without a closing ':'."""
    return line.rstrip(": ").lower()


def _phrase_item(line: str, stopwords: frozenset[str]) -> bool:
    """An item of a list of phrases: it holds a number ('2 lemons, halved'), or is a few words not
    in Title Case ('Fresh thyme'; the next heading reads 'Related Recipes')."""
    if any(ch.isdigit() for ch in line):
        return True
    words = [w for w in _WORD.findall(line) if w.lower() not in stopwords]
    return 0 < len(line.split()) <= PHRASE_WORDS and not all(w[0].isupper() for w in words)


def _lead_key(line: str) -> str:
    """How a list item opens: its first word, digits as 0; after a bare number, the next word too."""
    parts = line.lower().split(maxsplit=2)
    key = _DIGITS.sub("0", parts[0])
    if len(parts) > 1 and not any(ch.isalpha() for ch in key):
        key += " " + parts[1]
    return key


def _end_key(line: str) -> str:
    """How a list item ends: its last word, digits as 0 ('… (Group A): 10th appearance'); '$' sets it apart
    from a _lead_key."""
    word = _DIGITS.sub("0", line.lower().rsplit(maxsplit=1)[-1])
    return "$" + word if word.isalnum() else ""  # ('»', '...': no word)


def _numbered_runs(doc: Document, content: list[int], items: list[int]) -> Iterator[list[int]]:
    """Runs of LIST_ITEMS or more of ``items`` (positions in ``content``) numbered 1, 2, 3, ... in
    turn ('1) Lego ...', '2. Polistil ...'), each within LIST_GAP of the one before."""
    run: list[int] = []
    for p in items:
        m = _ITEM_NUMBER.match(doc.lines[content[p]].stripped)
        if m is None:
            continue  # a line between two items (a link, a price); LIST_GAP bounds how many
        number = int(m.group(1))
        if run and number == len(run) + 1 and p - run[-1] <= LIST_GAP:
            run.append(p)
            continue
        if len(run) >= LIST_ITEMS:
            yield run
        run = [p] if number == 1 else []
    if len(run) >= LIST_ITEMS:
        yield run
