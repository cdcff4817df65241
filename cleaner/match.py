"""Fast whole-line rule matching: index the rules by the characters they can start with.

Python's regex engine tries the branches of a big alternation one by one, so
running every rule on every line costs microseconds a line. Almost every rule
starts with a literal word, so a line that starts with "q" only needs the few
rules that can start with "q". The start characters are read from the parsed
pattern (``re._parser``); a rule whose start cannot be told runs on every line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

from cleaner.rules import Rule

_MAX_RANGE = 128


def start_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-cased characters a match of ``pattern`` can start with; None if any."""
    try:
        parsed = _p.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - patterns compiled already
        return None
    ignore_case = bool(pattern.flags & re.IGNORECASE)
    chars, nullable = _first(list(parsed), ignore_case)
    if chars is None or nullable:
        return None
    return frozenset(ch.lower() for ch in chars)


def _first(seq: list, icase: bool) -> tuple[set[str] | None, bool]:
    out: set[str] = set()
    for op, av in seq:
        chars, nullable = _first_item(op, av, icase)
        if chars is None:
            return None, False
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _first_item(op, av, icase: bool) -> tuple[set[str] | None, bool]:
    if op is _c.LITERAL:
        ch = chr(av)
        return ({ch, ch.lower(), ch.upper()} if icase else {ch}), False
    if op is _c.IN:
        return _charset(av)
    if op is _c.SUBPATTERN:
        sub = av[-1]
        add_flags = av[1] or 0
        return _first(list(sub), icase or bool(add_flags & _p.SRE_FLAG_IGNORECASE))
    if op is _c.BRANCH:
        out: set[str] = set()
        nullable = False
        for branch in av[1]:
            chars, n = _first(list(branch), icase)
            if chars is None:
                return None, False
            out |= chars
            nullable = nullable or n
        return out, nullable
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        lo, _hi, sub = av
        chars, n = _first(list(sub), icase)
        if chars is None:
            return None, False
        return chars, lo == 0 or n
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return set(), True  # zero width: look further
    return None, False


def _charset(items) -> tuple[set[str] | None, bool]:
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            out.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] <= _MAX_RANGE:
            out.update(chr(c) for c in range(av[0], av[1] + 1))
        elif op is _c.CATEGORY and av is _c.CATEGORY_DIGIT:
            # ASCII digits only: a line starting with another script's digit may
            # miss a rule, which keeps noise but never drops text.
            out.update("0123456789")
        else:  # NEGATE, other categories (\w, \s), big ranges
            return None, False
    return out, False


# Word-count classes: a line is only tried against rules whose max_words reach its class.
_WORD_CLASSES = (2, 4, 8, 15, 30, 60, 120)


def _word_class(words: int) -> int:
    for k, top in enumerate(_WORD_CLASSES):
        if words <= top:
            return k
    return len(_WORD_CLASSES)


class RuleIndex:
    """All whole-line rules of a chain, matched once per line.

    Candidates are bucketed by the line's first character and its word-count
    class, so a line is tried only against rules that could match it at all.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = [r for r in rules if not r.inline]
        self._order = {r.id: n for n, r in enumerate(self.rules)}
        self._starts = [start_chars(r.pattern) for r in self.rules]
        self._known = frozenset().union(*(st for st in self._starts if st is not None))
        self._buckets: dict[tuple[str, int], tuple[re.Pattern[str] | None, tuple[Rule, ...], tuple[Rule, ...]]] = {}
        tokens = sorted({t for r in self.rules for t in r.requires}, key=len, reverse=True)
        self._any_required = re.compile("|".join(map(re.escape, tokens))) if tokens else None

    def _bucket(self, ch: str, wclass: int) -> tuple[re.Pattern[str] | None, tuple[Rule, ...], tuple[Rule, ...]]:
        if ch not in self._known:
            ch = ""  # no rule names this start: one shared bucket of the rules that can start anywhere
        key = (ch, wclass)
        got = self._buckets.get(key)
        if got is None:
            low = _WORD_CLASSES[wclass - 1] + 1 if wclass else 0
            cands = [
                r
                for r, st in zip(self.rules, self._starts, strict=True)
                if (st is None or ch in st) and (r.max_words is None or r.max_words >= low)
            ]
            plain = tuple(r for r in cands if not r.requires)
            filtered = tuple(r for r in cands if r.requires)
            combined = re.compile("|".join(f"(?:{_scoped(r.pattern.pattern)})" for r in plain)) if plain else None
            got = self._buckets[key] = (combined, plain, filtered)
        return got

    def hits(self, line: str) -> tuple[Rule, ...]:
        """Every rule matching the whole stripped ``line`` within its max_words, in rule order."""
        if not line:
            return ()
        words = len(line.split())
        combined, plain, filtered = self._bucket(line[0].lower(), _word_class(words))
        found: list[Rule] = []
        if combined is not None and combined.fullmatch(line) is not None:
            found = [
                r
                for r in plain
                if (r.max_words is None or words <= r.max_words) and r.pattern.fullmatch(line) is not None
            ]
        if filtered and self._any_required is not None and self._any_required.search(line):
            for r in filtered:
                if (
                    (r.max_words is None or words <= r.max_words)
                    and any(t in line for t in r.requires)
                    and r.pattern.fullmatch(line) is not None
                ):
                    found.append(r)
        if len(found) > 1:
            found.sort(key=lambda r: self._order[r.id])
        return tuple(found)


_LEADING_FLAGS = re.compile(r"^\(\?([aiLmsux]+)\)")


def _scoped(pattern: str) -> str:
    """Turn a leading global flag group ``(?i)X`` into a scoped ``(?i:X)`` so patterns can be joined."""
    m = _LEADING_FLAGS.match(pattern)
    if not m:
        return pattern
    return f"(?{m.group(1)}:{pattern[m.end() :]})"
