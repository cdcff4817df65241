"""The article run: the stretch of lines that weighs most, and where it ends.

With every line weighed (weigh.py, lists.py, tables.py, regions.py), the
article is the contiguous run of content lines with the largest total weight:
the maximum-sum segment, as in Finn et al.'s Body Text Extraction (Kadane's
algorithm). Short real lines inside it (subheadings, one-line quotes) are
kept by the prose around them; a menu or a teaser list outside costs more
than it would add. The run may not reach into a comment section. When the
page repeats its <title> (titles.py) and the best run lies elsewhere, the
best run starting just under that headline wins if it comes within
TITLE_BONUS; when the repeat stands inside the run, the article starts under
it. Below the run, the article goes on over a few short closing sentences
('Stay tuned.'), an author's sign-off and a recipe's last steps.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cleaner.layers.context.lines import MIN_PROSE_WORDS, MIN_STOPWORD_RATIO, Shape, adjacent, count_line, symbol
from cleaner.layers.context.titles import HEADLINE_LINES, repeats_title
from cleaner.layers.context.weigh import MIN_ARTICLE_WEIGHT
from cleaner.layers.naming import WORD
from cleaner.model import Document
from cleaner.text import ends_sentence, title_case_ratio

TITLE_BONUS = 30.0  # how much weight a run under the page's headline may lack and still win
TRAIL_STEPS = 2  # lines right after the article's run that go on without ending a sentence, at most
SIGN_OFF_WORDS = 5  # words of an author's sign-off under the article, at most: name, title, address
INLINE_BOX_LINES = 8  # lines of a box of links set into the article ('Lire aussi' and its links), at most
BOX_PARAGRAPH_WORDS = 25  # words of the article's paragraph after such a box, at least: a blurb is shorter
AFTER_BOX_LINES = 3  # kept lines after the article's last paragraph under such a box that hold no paragraph

_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}\.\w[\w.-]{1,62}")


def article_run(
    doc: Document,
    content: Sequence[int],
    shape_of: list[Shape | None],
    sh: list[Shape | None],
    weights: Sequence[float],
    limit: int,
    anchors: list[int],
    anchored: list[int],
    own_rounds: bool,
    stopwords: frozenset[str],
    known: dict[str, set[str]],
) -> tuple[int, int] | None:
    """The article's run as (first, last) positions in ``content``; None: there is no article.

    ``weights`` of each content line (``sh`` its shape, None: removed); the run ends
    before position ``limit`` (the comment section). ``anchors``: where the page
    repeats its <title> (titles.title_anchors). ``anchored``: the start found under
    the title in an earlier round, remembered here (a line index). ``own_rounds``:
    this layer removed lines before, so this is not its first round.
    """
    seg_start, seg_end, total = max_segment(weights[:limit])
    anchor = anchors[0] if anchors else None
    if anchor is not None and anchor < limit and not (seg_start <= anchor + HEADLINE_LINES and seg_end >= anchor):
        # The best run lies elsewhere: prefer the one under the page's headline when it
        # comes close (a short article, a list or a table beside a long footer text).
        # A menu may repeat the headline's words above the real headline: try each repeat.
        for a in anchors:
            if a >= limit or (seg_start <= a + HEADLINE_LINES and seg_end >= a):
                break
            stop = seg_start if seg_start > a else limit
            a_start, a_end, a_total = best_from(weights[:stop], a + 1, a + 1 + HEADLINE_LINES)
            if kept_sum(weights, sh, a_start, a_end) >= MIN_ARTICLE_WEIGHT and a_total + TITLE_BONUS > total:
                seg_start, seg_end, total, anchor = a_start, a_end, a_total, a
                break
    elif anchor is not None and seg_start < anchor < seg_end:
        # The page repeats its <title> inside the run: the article starts under that
        # headline, and the prose above it is other stories' teasers.
        # (A partial match under prose is more likely a subheading of the article.)
        above = [symbol(shape_of[i]) for i in content[seg_start:anchor]]
        a_total = sum(weights[anchor + 1 : seg_end + 1])
        full = repeats_title(doc, content[0], content[anchor], stopwords, known)
        if (full or 2 * above.count("P") < len(above)) and kept_sum(
            weights, sh, anchor + 1, seg_end
        ) >= MIN_ARTICLE_WEIGHT:
            seg_start, total = anchor + 1, a_total
    # Later rounds see the title gone: keep the start found under it.
    if anchored:
        pos = next((p for p, i in enumerate(content) if i >= anchored[0]), seg_start)
        if pos < seg_start:
            seg_start, total = pos, sum(weights[pos : seg_end + 1])
    elif anchor is not None and seg_start > anchor:
        anchored.append(content[seg_start])
    # Whether there is an article is told by the lines still kept: a removed line inside
    # the run (an ad label) separates, but must not sink an article that a second clean,
    # without that line, would find (clean(clean(x)) == clean(x)).
    if kept_sum(weights, sh, seg_start, seg_end) < MIN_ARTICLE_WEIGHT:
        # No article between the lines other layers removed: a second clean, which does
        # not see them at all, must not find one either. Look as it would, without them
        # (unless this layer already found the article: then these are its own rounds).
        if anchored or own_rounds:
            return None
        seg_start, seg_end, total = max_segment(
            [0.0 if s is None else w for w, s in zip(weights[:limit], sh, strict=False)]
        )
        if total < MIN_ARTICLE_WEIGHT:
            return None
    return seg_start, seg_end


def trailing_sentences(
    doc: Document, kept: list[int], end: int, stopwords: frozenset[str], related: Sequence[int] = b""
) -> int:
    """Short sentences right after the article ("Stay tuned.") end it, and so does the
    author's sign-off (name, title, e-mail address), and its last paragraph after a box
    of links set into it; keep them. ``related``: by line index, whether another layer
    removed the line as related (removed_marks)."""
    while end + 1 < len(kept):
        line = doc.lines[kept[end + 1]].stripped
        closing = ends_sentence(line) and 3 <= len(line.split()) < MIN_PROSE_WORDS
        # A closing lead-in ('See more photos:') announces what is not text; a prompt
        # that ends so ('Share this:', 'Read more:') is named by a rule.
        if closing and (line[-1] != ":" or not doc.hits(kept[end + 1])):
            end += 1
            continue
        if sign_off(line, stopwords):
            end += 1
            continue
        steps = _last_steps(doc, kept, end, stopwords)
        if steps is not None:
            end = steps
            continue
        if related and _after_box(doc, kept, end, stopwords, related):
            end += 1
            continue
        break
    return end


def _after_box(doc: Document, kept: list[int], end: int, stopwords: frozenset[str], related: Sequence[int]) -> bool:
    """Whether the next kept line is the article's last paragraph, under a box of links set into it.

    A 'Lire aussi' / 'Read more' box with its links stands between two of the
    article's paragraphs; the rules removed it, and it weighs against the
    paragraph after it, which then ends up outside the run. It is the
    article's when only lines removed as related (at most INLINE_BOX_LINES)
    part it from the run, it is a paragraph of prose (BOX_PARAGRAPH_WORDS or
    more) that ends a sentence, not in an ellipsis, and
    no paragraph comes in the AFTER_BOX_LINES kept lines after it (the page's
    footer, or nothing): a teaser's blurb is followed by the next teaser's.
    """
    a, b = kept[end], kept[end + 1]
    between = [i for i in range(a + 1, b) if not doc.lines[i].blank]
    if not between or len(between) > INLINE_BOX_LINES or not all(related[i] for i in between):
        return False
    line = doc.lines[b].stripped
    if line.endswith(("...", "…")) or not _paragraph(line, stopwords, BOX_PARAGRAPH_WORDS):
        return False  # (a teaser's blurb cut short ends so)
    after = kept[end + 2 : end + 2 + AFTER_BOX_LINES]
    return not any(_paragraph(doc.lines[i].stripped, stopwords) for i in after)


def _paragraph(line: str, stopwords: frozenset[str], words: int = MIN_PROSE_WORDS) -> bool:
    n, stop, ends = count_line(line, stopwords)
    return ends and n >= words and stop >= MIN_STOPWORD_RATIO * n


def _last_steps(doc: Document, kept: list[int], end: int, stopwords: frozenset[str]) -> int | None:
    """Where the article's last lines end, when they go on past its run (position in ``kept``).

    A recipe's or a guide's last steps ('Boil for 10 minutes (if over 1000 feet,
    adjust for altitude)', 'Remove from canner and allow to cool. Jam will set
    within 24-48 hours.') are written as sentences, but one may end without a
    stop, and such a line weighs against the article as a menu entry does. Lines
    right under the run (nothing removed between), in sentence case with the
    function words of prose, at most TRAIL_STEPS of them without an ending, then
    a line that ends a sentence: the article goes on to there. Other stories'
    headlines are in title case; a teaser list ends in no sentence.
    """
    pos = end
    for _ in range(TRAIL_STEPS + 1):
        if pos + 1 >= len(kept) or not adjacent(doc, kept[pos], kept[pos + 1]) or doc.hits(kept[pos + 1]):
            return None
        pos += 1
        line = doc.lines[kept[pos]].stripped
        n, stop, ends = count_line(line, stopwords)
        if stop < 0 or title_case_ratio(line) >= 0.5:
            return None
        worded = n >= MIN_PROSE_WORDS and stop >= MIN_STOPWORD_RATIO * n
        if ends and pos > end + 1 and line[-1] != ":" and (worded or 3 <= n < MIN_PROSE_WORDS):
            return pos
        if ends or not worded:
            return None  # (the first line must go on without an ending: a sentence alone is the run's)
    return None


def sign_off(line: str, stopwords: frozenset[str]) -> bool:
    """'정덕현 칼럼니스트 thekian1@entermedia.co.kr': a name and an address, no label
    ('E-mail:'), no sentence ('Write to Al Root at ...', a contact prompt)."""
    words = line.split()
    if not 2 <= len(words) <= SIGN_OFF_WORDS or ":" in line or "@" not in line or _EMAIL.search(line) is None:
        return False
    return not any(w in stopwords for w in WORD.findall(_EMAIL.sub(" ", line).lower()))


def kept_sum(weights: list[float], sh: list[Shape | None], lo: int, hi: int) -> float:
    """The weight of content[lo:hi + 1] without the lines already removed (None in ``sh``)."""
    return sum([w for w, s in zip(weights[lo : hi + 1], sh[lo : hi + 1], strict=True) if s is not None])


def best_from(weights: list[float], lo: int, hi: int) -> tuple[int, int, float]:
    """The best run that starts at a position in [lo, hi), as (start, end, sum).

    One backward pass: the best run starting at k is weights[k] plus the best
    run starting at k + 1 when that is positive.
    """
    best = (lo, lo - 1, 0.0)
    run, run_end = 0.0, len(weights) - 1
    for k in range(len(weights) - 1, lo - 1, -1):
        if run > 0:
            run += weights[k]
        else:
            run, run_end = weights[k], k
        if k < hi and run > best[2]:
            best = (k, run_end, run)
    return best


def max_segment(weights: list[float]) -> tuple[int, int, float]:
    """Kadane: the contiguous run with the largest sum, as (start, end, sum)."""
    best = (0, -1, 0.0)
    run_start, run = 0, 0.0
    for k, w in enumerate(weights):
        if run <= 0:
            run_start, run = k, w
        else:
            run += w
        if run > best[2]:
            best = (run_start, k, run)
    return best
