"""Small shape tests on a line of text, shared by the layers.

They answer "does this look like a sentence of prose?" cheaply, because most
rules must leave prose alone even when it starts like their target.
"""

from __future__ import annotations

import re

_TERMINAL = frozenset(".!?…:;。！？")
_CLOSERS = "\"'”’»)] \t\r\n\f\v"
_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def word_count(line: str) -> int:
    return len(line.split())


def ends_sentence(line: str) -> bool:
    """True if the line ends like a sentence (terminal punctuation, maybe a closing quote).

    String operations, not a regex: a regex anchored at the end still tries
    every start position, which costs a long line dearly.
    """
    tail = line.rstrip().rstrip(_CLOSERS).rstrip()
    return bool(tail) and tail[-1] in _TERMINAL


def is_cjk(line: str) -> bool:
    return _CJK.search(line) is not None


def is_prose(line: str, min_words: int = 8) -> bool:
    """A sentence-shaped line: long enough and ending in sentence punctuation.

    CJK text has no spaces between words, so it counts characters instead.
    """
    s = line.strip()
    if not ends_sentence(s):
        return False
    if is_cjk(s):
        return len(s) >= min_words * 3
    return len(s.split(None, min_words)) >= min_words  # (splits no further than it must: a line may be megabytes)


def has_lowercase_word(line: str) -> bool:
    """Real sentences contain function words in lower case; menus and titles often do not."""
    return any(w.islower() and len(w) > 3 for w in _WORD.findall(line))


def title_case_ratio(line: str) -> float:
    """Share of words (longer than 3 letters) that start with a capital: high for headlines and menus."""
    words = [w for w in _WORD.findall(line) if len(w) > 3 and not w.isdigit()]
    if not words:
        return 0.0
    return sum(1 for w in words if w[0].isupper()) / len(words)
