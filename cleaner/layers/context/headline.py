"""The headline block: the title, kicker, deck, byline and date above the article's run.

The run of prose starts at the article's first paragraph; what stands over it
within HEADLINE_LINES lines is kept when it reads as the article's own. The
title is the headline-shaped line there that shares the most content words
with the body (the first repeat of the page's <title> wins, a copy in a
gallery or share box loses); failing that, the last crumb of a breadcrumb, a
title over a deck, or the first line of a text that opens with its headline.
Above the title go more title lines, datelines and one section label printed
right over it; between the title and the body stay decks, bylines, dates,
labels and fact lines. The other lines there (share buttons, counters, photo
credits, a menu's last entries) go with the page.
"""

from __future__ import annotations

import re

from cleaner.layers.context.lines import (
    LONG_PROSE_WORDS,
    MENU_WORDS,
    Shape,
    adjacent,
    cjk_pairs,
    content_words,
    headline_shaped,
    line_above,
)
from cleaner.layers.context.tables import NUMBER
from cleaner.layers.context.titles import HEADLINE_LINES, ends_with_other
from cleaner.layers.naming import URL, dated
from cleaner.model import Document
from cleaner.text import ends_sentence

HELD_WORDS = 12  # a line between two headline-block lines: at most this many words
CJK_TITLE_PAIRS = 3  # character pairs a CJK title line shares with the body, at least (and half of its own)

_CRUMB = re.compile(r" [»›] ")
_FIELD = re.compile(r"(?:^|(?<=\s))(?:[^\W\d_]+ ){0,2}[^\W\d_]+:(?=\s)")  # a label: one to three words and ':'


def headline_block(
    doc: Document,
    kept: list[int],
    shapes: list[Shape],
    start: int,
    end: int,
    stopwords: frozenset[str],
    known: dict[str, set[str]],
    title_line: int | None = None,
    headlines: frozenset[int] = frozenset(),
) -> tuple[int, list[int]]:
    """Find the headline block above the article: where the article starts, and the lines
    between that and ``start`` that go with the page (positions in ``kept``, top first).

    The title is the headline-shaped line, within a few lines above the body,
    that shares the most words with the body (the first on a tie: a title
    repeated lower down, in a gallery or a share box, is the copy). Above it, more title lines,
    datelines and one
    kicker directly over a title line. Between the title and the body, decks,
    bylines, dates and labels stay; other lines there (share buttons,
    counters, photo credits) go with the page. ``title_line``: the page's
    <title> (a line index), which a headline below repeats; it is no title line here.
    ``headlines``: the lines that repeat the <title> (titles.title_anchors). The first of them
    in reach that shares a word with the body is the title, though a caption under the
    photo may share more (a later repeat is a gallery's or a share box's copy).
    """
    lines = [doc.lines[i].stripped for i in kept]
    low = max(0, start - HEADLINE_LINES)
    # A copy of a sentence above (the dek printed again under the photo) tells nothing
    # about which line there is the title: the words of the body are the article's own.
    block = {lines[p] for p in range(low, start) if shapes[p].prose}
    body: set[str] = set()
    for pos in range(start, min(end + 1, start + 30)):
        if lines[pos] not in block:
            body |= content_words(lines[pos], stopwords, known)
            body |= cjk_pairs(lines[pos])
    title, best = None, 0
    if title_line is not None and kept[low] == title_line:
        low += 1
    repeat = None  # the first line in reach that repeats the <title> and shares a word with the body
    for p in range(low, start):
        shared = _title_score(lines[p], shapes[p], body, stopwords, known)
        first_repeat = repeat is None and kept[p] in headlines
        if not shared or not (shared > best or first_repeat):
            continue  # (the two tests below cost more than the score: only a candidate takes them)
        if ends_with_other(lines[p], lines[p + 1 : start]) or _crumb(doc, kept, lines, p):
            continue
        if shared > best:
            title, best = p, shared
        if first_repeat:
            repeat = (p, shared)
    if repeat is not None:
        title, best = repeat
    if best < 2:
        # A headline written as a sentence ('... They just might be.') reads as prose;
        # when no other line is clearly the title, a short one that shares words with
        # the body and stands right over the dateline is (not a menu entry sharing one
        # word, above it).
        for p in range(start - 2, low - 1, -1):
            if shapes[p].prose:
                shared = len(content_words(lines[p], stopwords, known) & body)
                if shapes[p].words < LONG_PROSE_WORDS and shared >= 2 and shapes[p + 1].dated:
                    title, best = p, shared
                break
    crumb = _breadcrumb_title(doc, kept, lines, shapes, low, start)
    if crumb is not None:
        title = crumb
    elif best < 2:
        # A title over its dek and byline may share no word with the body; that block
        # is better evidence than one shared word (of a menu entry, or of the byline's name).
        dates = start
        while dates > low and dated(lines[dates - 1], len(lines[dates - 1].split())):
            dates -= 1
        over_dek = _unshared_title(doc, kept, lines, shapes, low, dates) if dates < start else None
        if over_dek is None and dates < start:
            over_dek = _opening_title(doc, kept, lines, shapes, dates)
        title = title if over_dek is None else over_dek
    top = start
    if title is None:
        # No title: only datelines and bylines right above the body.
        while top > low and dated(lines[top - 1], len(lines[top - 1].split())):
            top -= 1
    else:
        top = title
        titled = True  # the line at top is a title line (a kicker may sit over it)
        while top > low:
            above = lines[top - 1]
            if dated(above, len(above.split())):
                top, titled = top - 1, False
            elif (
                (score := _title_score(above, shapes[top - 1], body, stopwords, known))
                and (score >= 2 or len(above.split()) > MENU_WORDS)
                and not ends_with_other(above, lines[top:start])
                and not _crumb(doc, kept, lines, top - 1)
                and adjacent(doc, kept[top - 1], kept[top])
            ):
                top, titled = top - 1, True  # a title in two lines, or title and subtitle (not a breadcrumb)
            elif (
                titled
                and _kicker_like(above)
                and adjacent(doc, kept[top - 1], kept[top])
                and not _crumb(doc, kept, lines, top - 1)
                and not _labelled_below(doc, kept, lines, title, start)
            ):
                top -= 1  # a section label printed directly over the title (not a menu's last entry)
                break
            else:
                break
    held = [
        p == title
        or (
            _kept_in_headline(lines[p], shapes[p], body, stopwords, known, below_title=p > (title or -1))
            and not _counter_label(doc, kept, lines, p, p > (title or -1))
        )
        for p in range(top, start)
    ]
    dropped: list[int] = []
    for k, p in enumerate(range(top, start)):
        if held[k] or (
            title is not None
            and p > title
            and _between_held(doc, kept, p, held[k - 1 : k + 2])
            and (
                (_name_like(lines[p]) and (dated(lines[p + 1], len(lines[p + 1].split())) or _label(lines[p - 1])))
                or (not any(ch.isdigit() for ch in lines[p]) and content_words(lines[p], stopwords, known) & body)
            )
        ):
            continue
        dropped.append(p)
    return top, dropped


def _title_score(
    line: str, shape: Shape, body: set[str], stopwords: frozenset[str], known: dict[str, set[str]] | None = None
) -> int:
    """How many words a headline-shaped line shares with the body (0: not a title)."""
    words = len(line.split())
    if shape.prose or words > 30 or URL.fullmatch(line):
        return 0
    pairs = cjk_pairs(line)
    if pairs:
        # No spaces or a particle glued to each word: compare character pairs, and ask
        # that most of the line's pairs come from the body (a teaser shares a few).
        shared = len(pairs & body)
        return shared if shared >= CJK_TITLE_PAIRS and 2 * shared >= len(pairs) else 0
    mine = content_words(line, stopwords, known)
    shared = len(mine & body)
    if shared >= 2 or (shared == 1 and len(mine) <= 8 and not ends_sentence(line)):
        return shared
    return 0


def _kept_in_headline(
    line: str,
    shape: Shape,
    body: set[str],
    stopwords: frozenset[str],
    known: dict[str, set[str]] | None = None,
    *,
    below_title: bool,
) -> bool:
    """Whether a line above the body belongs to the headline block: prose, a date, a title line,
    a label or fact line under the title, a section label."""
    words = len(line.split())
    if shape.prose or dated(line, words) or _title_score(line, shape, body, stopwords, known):
        return True
    if below_title and _label(line):
        return True  # "Author:", "Publish date:" labels of the byline block
    if below_title and _FIELD.match(line) and len(_FIELD.findall(line)) >= 2:
        return True  # the article's fact line: "Tested by: Jane Doe Price: £40 More info: ..."
    return _kicker_like(line)


def _breadcrumb_title(
    doc: Document, kept: list[int], lines: list[str], shapes: list[Shape], low: int, start: int
) -> int | None:
    """The line (position in ``kept``) that a removed breadcrumb above the body ends with: the page's own title.

    'Mensagens » Mensagens de Autoestima » Só quem se Ama…' names the page; the
    title line it repeats, right above or below it, may share no word with the
    body, and a menu entry may. A last crumb of a few words is a section.
    """
    for i in range(kept[low], kept[start]):
        ln = doc.lines[i]
        if not ln.removed or not any(r.id == "navigation.breadcrumb" for r in doc.hits(i)):
            continue
        last = _CRUMB.split(ln.stripped)[-1].strip()
        if len(last.split()) <= MENU_WORDS:
            continue  # 'Home » News': a section, which the menu names too
        for p in range(low, start):
            near = adjacent(doc, kept[p], i) or adjacent(doc, i, kept[p])
            if lines[p] == last and near and not shapes[p].prose:
                return p
    return None


def _unshared_title(
    doc: Document, kept: list[int], lines: list[str], shapes: list[Shape], low: int, top: int
) -> int | None:
    """The title over a dek, when it shares no word with the body (position in ``kept``).

    '4 Things to Do in October' over its dek, the byline's labels ('Author:',
    a name, 'Publish date:') and the dateline at ``top``; the body says 'Oct. 5'.
    The dek, a sentence between the title and the byline, is what tells the
    headline block from a menu, whose last entry may stand over a dateline too.
    All of it stands together: nothing removed between its lines.
    """
    q = top
    while q > low and adjacent(doc, kept[q - 1], kept[q]):
        above = lines[q - 1]
        if dated(above, len(above.split())) or _label(above):
            q -= 1
        elif q - 1 > low and _name_like(above) and _label(lines[q - 2]):
            q -= 2  # 'Author:' and the name under it
        else:
            break
    dek = q - 1
    if dek <= low or not shapes[dek].prose or not adjacent(doc, kept[dek], kept[q]):
        return None
    title = dek - 1
    line = lines[title]
    if (
        not adjacent(doc, kept[title], kept[dek])
        or shapes[title].prose
        or shapes[title].dated
        or not 2 <= len(line.split()) <= HELD_WORDS
        or ends_sentence(line)
        or URL.fullmatch(line)
        or doc.hits(kept[title])
    ):
        return None
    return title


def _counter_label(doc: Document, kept: list[int], lines: list[str], p: int, below_title: bool) -> bool:
    """Under the title, a word right under a bare number is the counter's label ('2.289' /
    'letture', '858' / 'shares'), not a section label: it goes with the number."""
    return (
        below_title
        and p > 0
        and len(lines[p].split()) <= 2
        and NUMBER.fullmatch(lines[p - 1]) is not None
        and adjacent(doc, kept[p - 1], kept[p])
    )


def _labelled_below(doc: Document, kept: list[int], lines: list[str], title: int, start: int) -> bool:
    """Whether the headline block prints its section label under the title ('Cartoni' over the
    date): a short line there, not a name, that repeats a line of the page above the title (the
    menu entry it names). A page prints its section once, so the short line over the title is
    then the menu's last entry ('Video Game'), not a kicker. Positions are in ``kept``."""
    above = {ln.stripped for ln in doc.lines[: kept[title]] if not ln.blank}
    return any(
        _kicker_like(lines[p]) and not _name_like(lines[p]) and lines[p] in above and any(map(str.isalpha, lines[p]))
        for p in range(title + 1, start)
    )


def _label(line: str) -> bool:
    """A label of the byline block: 'Author:', 'Publish date:'."""
    return len(line.split()) <= MENU_WORDS and line.endswith(":")


def _crumb(doc: Document, kept: list[int], lines: list[str], p: int) -> bool:
    """Whether the short line at ``p`` (in ``kept``) is a breadcrumb's last crumb: it stands right
    under a line a rule removed as navigation ('Home', then 'News' or 'Opening Bell'). Such a
    line is neither a kicker nor a title line, even when the body names the section."""
    if not _kicker_like(lines[p]):
        return False
    above = line_above(doc, kept[p])
    return above is not None and doc.lines[above].removed and any(h.category == "navigation" for h in doc.hits(above))


def _opening_title(doc: Document, kept: list[int], lines: list[str], shapes: list[Shape], dates: int) -> int | None:
    """The title of a text that opens with it: the headline-shaped line right over the datelines is the
    document's first line, or its second under a section label (position in ``kept``).

    A page dump opens with its <title> and menus, so its last menu entry over the dateline has lines
    above it; an article already cleaned (a second clean) opens with its headline block, and its title
    may share no word with the body (a breadcrumb or a dek named it the first time).
    """
    p = dates - 1
    if p < 0 or p > 1 or shapes[p].prose or not headline_shaped(lines[p]) or not adjacent(doc, kept[p], kept[dates]):
        return None
    if p == 1 and not (_kicker_like(lines[0]) and adjacent(doc, kept[0], kept[1])):
        return None
    return p if all(doc.lines[i].blank for i in range(kept[0])) else None


def _name_like(line: str) -> bool:
    """Names and titles: two words or more, nearly all capitalised ('Meg Kinnard and Errin Haines, AP')."""
    words = line.split()
    return len(words) >= 2 and not ends_sentence(line) and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _between_held(doc: Document, kept: list[int], p: int, held: list[bool]) -> bool:
    """A short line right between two lines the headline block keeps, with nothing removed between.

    Under the title, such a line over the date, made of names, is a byline without
    'By' ('Steve Peoples, AP Political Writer'), and one without numbers (counters)
    that shares words with the body an item of a short list the block's lines
    belong to (the caller checks which).
    """
    if len(held) < 3 or not (held[0] and held[2]) or len(doc.lines[kept[p]].stripped.split()) > HELD_WORDS:
        return False
    return adjacent(doc, kept[p - 1], kept[p]) and adjacent(doc, kept[p], kept[p + 1])


def _kicker_like(line: str) -> bool:
    """A section label: a few words, no digits (archive counts, dates), not a link."""
    return (
        len(line.split()) <= MENU_WORDS
        and not ends_sentence(line)
        and not any(ch.isdigit() for ch in line)
        and URL.fullmatch(line) is None
    )
