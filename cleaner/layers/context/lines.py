"""Line features: what each line of the page is, read from its text alone.

Every later step reads a line through its Shape: how many words it has,
whether it reads as prose (long enough, ending like a sentence, with the
function words of a language we know), whether it is a date or byline, and
what it weighs on its own for an article (prose its words beyond the first
few, capped; any other line a little less than nothing, a date more so).
Shapes are worked out once per distinct line text and shared: a page dump
repeats its menus and buttons, and lines of one shape share one object.

Also here: the content words a title and its article share, the character
pairs that stand for words in CJK text, and where a line stands (the line
above it, whether two lines touch).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from cleaner.layers.naming import CJK, WORD, dated
from cleaner.model import Document
from cleaner.text import ends_sentence

# A prose line weighs its word count; other lines weigh -(BASE + PER_WORD * words).
BAD_BASE = 1.0
BAD_PER_WORD = 0.5
MAX_GOOD_WEIGHT = 40.0
PROSE_OFFSET = 10  # words a prose line must have before it weighs much
DATED_WEIGHT = 15.0  # a date or byline on its own line: teasers, feeds and comments are stamped
MIN_PROSE_WORDS = 8
CJK_PROSE_CHARS = 24  # a CJK sentence: characters, at least (as text.is_prose: three per word)
LONG_PROSE_WORDS = 20
MIN_STOPWORD_RATIO = 0.12
LANGUAGE_SAMPLE = 2000  # words of long lines read to tell whether we know the language
MENU_WORDS = 3
TEASER_WORDS = 4

_NON_LATIN_SCRIPT = re.compile(
    r"[\u0400-\u04ff\u0590-\u06ff\u0900-\u0dff\u0e00-\u0eff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"
)
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{2,}")


@dataclass(slots=True)
class Shape:
    """What a line is, read from its text alone; shared by every line of the same shape (never changed)."""

    words: int
    prose: bool
    dated: bool = False
    # What the rounds read of a line, worked out once per line text (see line_shape).
    weight: float = 0.0
    symbol: str = "N"  # symbol(): Prose, Dated or Not prose
    fine: str = "N"  # fine_symbol of a line not repeated
    gain: float = 0.0  # prose words beyond the first few, uncapped (0 for other lines)
    several: bool = False  # two words or more
    teaser: bool = False  # a line of a teaser run (stress_teaser_runs)


NOT_PROSE = Shape(0, False)


def count_line(line: str, stopwords: frozenset[str]) -> tuple[int, int, bool]:
    """(words, function words or -1 for CJK, ends a sentence): what a line's shape is made of."""
    if not line.isascii() and CJK.search(line):  # (isascii() costs nothing: a flag of the str)
        return (len(line.split()) + len(CJK.findall(line)) // 2, -1, ends_sentence(line))
    n = len(line.split(None, MIN_PROSE_WORDS))  # (exact below MIN_PROSE_WORDS: a long line is split once, below)
    if n < MIN_PROSE_WORDS:
        return (n, 0, False)
    # Lower case keeps whitespace where it is, so the lowered line splits into as many words.
    tokens = line.lower().split()
    return (len(tokens), len(list(filter(stopwords.__contains__, words_of(tokens)))), ends_sentence(line))


def line_shapes(lines: list[str], stopwords: frozenset[str], shape_only: bool | None = None) -> list[Shape]:
    """Each line's size and whether it reads as prose; ``shape_only=None`` decides
    from the text whether our function-word lists cover its language."""
    counted = [count_line(line, stopwords) for line in lines]
    if shape_only is None:
        shape_only = shape_alone(counted)
    return [line_shape(line, c, shape_only) for line, c in zip(lines, counted, strict=True)]


def remembered_shapes(
    texts: list[str],
    stopwords: frozenset[str],
    counts: dict[str, tuple[int, int, bool]],
    shapes: dict[bool, dict[str, Shape]],
) -> list[Shape]:
    """line_shapes of ``texts``, each line's counts and shape remembered by its text in ``counts``
    and ``shapes`` (by shape_alone): later rounds over the same page read most lines again."""
    counted = [counts.get(t) or counts.setdefault(t, count_line(t, stopwords)) for t in texts]
    shape_only = shape_alone(counted)
    known = shapes[shape_only]
    return [
        known.get(t) or known.setdefault(t, line_shape(t, c, shape_only)) for t, c in zip(texts, counted, strict=True)
    ]


def shape_alone(counted: Iterable[tuple[int, int, bool]]) -> bool:
    """Whether our function-word lists miss the language of these lines: then shape alone tells prose.

    Read from the first LANGUAGE_SAMPLE words of the lines long enough to be prose.
    """
    tokens = hits = 0
    for n, stop, _ in counted:
        if stop >= 0 and n >= MIN_PROSE_WORDS:
            tokens, hits = tokens + n, hits + stop
            if tokens >= LANGUAGE_SAMPLE:
                break
    return bool(tokens) and hits < tokens * MIN_STOPWORD_RATIO / 3


def line_shape(line: str, counted: tuple[int, int, bool], shape_only: bool) -> Shape:
    """A line's shape from its counts (count_line)."""
    n, stop, ends = counted
    if stop < 0:  # CJK: no spaces, no function-word list
        prose = ends and len(line) >= CJK_PROSE_CHARS
    elif n < MIN_PROSE_WORDS:
        prose = False
    elif shape_only or (not stop and _NON_LATIN_SCRIPT.search(line)):
        prose = ends or n >= LONG_PROSE_WORDS  # a script we have no function words for
    else:
        prose = stop >= MIN_STOPWORD_RATIO * n and (ends or n >= LONG_PROSE_WORDS)
    if prose:
        return prose_shape(n)
    several = n >= 2 if stop >= 0 else len(line.split()) >= 2  # (n counts the words split() finds, but in CJK)
    if dated(line, n):
        return other_shape(n, True, several, False, "D")
    teaser = TEASER_WORDS <= n <= 25 and headline_shaped(line)
    fine = "N" if line.isascii() and not line.isupper() else fine_symbol(None, line, False, "N")  # (its first test)
    return other_shape(n, False, several, teaser, fine)


# A shape depends on a few small values, not on the line: lines of one shape share one
# object (a page dump's memo holds a shape per distinct line; they are never changed).
@functools.lru_cache(maxsize=4096)
def prose_shape(words: int) -> Shape:
    """The shape of a prose line of ``words`` words: it weighs its words beyond PROSE_OFFSET,
    at least 1 and at most MAX_GOOD_WEIGHT (``gain``: the same, uncapped)."""
    gain = max(float(words - PROSE_OFFSET), 1.0)
    return Shape(words, True, False, min(gain, MAX_GOOD_WEIGHT), "P", "P", gain, True, False)


@functools.lru_cache(maxsize=4096)
def other_shape(words: int, is_dated: bool, several: bool, teaser: bool, fine: str) -> Shape:
    """The shape of a line that is not prose: dated (symbol D) or not (N, ``fine`` its fine_symbol)."""
    if is_dated:
        return Shape(words, False, True, -DATED_WEIGHT, "D", "D", 0.0, several, False)
    return Shape(words, False, False, -(BAD_BASE + BAD_PER_WORD * words), "N", fine, 0.0, several, teaser)


def symbol(shape: Shape | None) -> str:
    """One letter for a line's shape: Removed, Dated, Prose, or Not prose."""
    if shape is None:
        return "R"
    if shape.prose:
        return "P"
    return "D" if shape.dated else "N"


def fine_symbol(shape: Shape | None, line: str, repeated: bool, sym: str | None = None) -> str:
    """symbol, with short lines told apart: K an all-capitals kicker, '=' and the words of a
    line repeated word for word (a card's share buttons), N any other (``sym``: symbol, if known)."""
    if sym is None:
        sym = symbol(shape)
    if sym != "N":
        return sym
    if repeated:
        return "=" + line  # the same buttons in every card: the words must match too
    if line.isascii() and not line.isupper():
        return "N"  # (in ASCII every cased character is a letter: some letter is not a capital)
    letters = [ch for ch in line if ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return "K"
    return "N"


def headline_shaped(line: str) -> bool:
    """Starts with a capital, not with a number or a list marker ('A:', '1.'), ends without punctuation."""
    first = line.split(maxsplit=1)[0]
    return (
        line[0].isupper()
        and line[-1] not in ".:;,!?)"
        and not any(ch.isdigit() for ch in first)
        and not (len(first) <= 3 and first[-1] in ":.)")
    )


def words_of(tokens: list[str]) -> Iterator[str]:
    """The WORD words of a line split at whitespace: those of WORD.findall(line), in another order.

    A word never spans whitespace, and a token of letters only (most of them) is one
    word as it stands, so only the others ('said,', 'well-known', '(the') go through
    the regex: a fifth less than the regex over the whole line.
    """
    return itertools.chain(
        filter(str.isalpha, tokens), WORD.findall(" ".join(itertools.filterfalse(str.isalpha, tokens)))
    )


def content_words(line: str, stopwords: frozenset[str], known: dict[str, set[str]] | None = None) -> set[str]:
    """Words of four letters or more that are not function words (``known``: remembered by line text)."""
    if known is not None:
        got = known.get(line)
        if got is None:
            got = known[line] = content_words(line, stopwords)
        return got
    return {w.lower() for w in words_of(line.split()) if len(w) > 3} - stopwords


def cjk_pairs(line: str) -> set[str]:
    """The pairs of adjacent CJK characters of a line (empty for other scripts).

    Korean glues particles to its words and Chinese and Japanese have no spaces,
    so a headline and its article share character pairs, not whole words.
    """
    pairs: set[str] = set()
    if line.isascii():
        return pairs  # (a flag of the str: no scan; most lines the headline block reads)
    for run in _CJK_RUN.findall(line):
        pairs.update(run[k : k + 2] for k in range(len(run) - 1))
    return pairs


def adjacent(doc: Document, a: int, b: int) -> bool:
    """Nothing but blank lines between lines ``a`` and ``b`` (a removed line would stand between)."""
    return all(doc.lines[i].blank for i in range(a + 1, b))


def line_above(doc: Document, i: int) -> int | None:
    """The nearest line over line ``i`` that holds text (None at the top)."""
    return next((k for k in range(i - 1, -1, -1) if not doc.lines[k].blank), None)
